"""Make the course's cat / non-cat picture data set.

Writes ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` in the classic schema of the course
(``*_set_x`` uint8 ``(m, 64, 64, 3)``, ``*_set_y`` int64 ``(m,)`` with 1 = cat,
``list_classes`` = ``[b'non-cat', b'cat']``) and, on request, a labelled grid of examples.

Every picture is drawn by the NumPy code below: cats of many coats, poses, sizes and positions,
and non-cats of ten kinds (dogs, foxes, rabbits, owls and bears, which share a cat's furry face,
plus houses, cars, flowers, landscapes and mugs), over varied backgrounds, with random lighting,
blur, noise and occluders. A picture is drawn three times larger than 64x64 and averaged down,
which smooths its edges.

The output is deterministic: each picture has its own random generator seeded from
``(SEED, split, index)``, and the HDF5 files are written without timestamps, so running the
script again gives the same bytes (on the same platform and NumPy version).

Usage (from the repository root)::

    python datasets/make_catvnoncat.py                 # writes datasets/*.h5
    python datasets/make_catvnoncat.py --examples      # also writes datasets/examples.png
    python datasets/make_catvnoncat.py --out some/dir
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import h5py
import numpy as np

SEED = 1
SIZE = 64  # side of the pictures, in pixels
SUPER = 3  # pictures are drawn SUPER times larger, then averaged down
CLASSES = np.array([b"non-cat", b"cat"], dtype="S7")

# (split name, code used in the seeds, number of cats, number of non-cats)
SPLITS = {"train": (0, 72, 137), "test": (1, 33, 17)}

# Difficulty knobs.
KNOBS = {
    # share of non-cats that are furry animals with a face (the rest are objects and scenes)
    "lookalike_share": 0.3,
    # chance that a foreground object hides part of the subject
    "occlusion": 0.15,
    # largest gaussian blur (pixels at 64x64) and pixel noise (fraction of full scale)
    "max_blur": 1.1,
    "max_noise": 0.04,
    # chance that a cat, or a look-alike animal, is shown as a close-up of its face
    "cat_face_share": 0.85,
    "lookalike_face_share": 0.3,
    # range of a face's half-width, as a fraction of the picture, for close-ups
    "face_scale": (0.28, 0.42),
    # range of a face's half-width for whole-body poses
    "body_scale": (0.08, 0.15),
    # how far a close-up face may sit from the centre of the picture
    "face_offset": 0.15,
    # range of the exposure (brightness gain) of the camera
    "exposure": (0.65, 1.2),
}

LOOKALIKES = ("dog", "fox", "rabbit", "owl", "bear")
OBJECTS = ("house", "car", "flowers", "landscape", "mug")


# --------------------------------------------------------------------------------------------
# Drawing primitives
# --------------------------------------------------------------------------------------------


def value_noise(rng, n, res):
    """Smooth random field in [0, 1] of shape (n, n), with about ``res`` bumps per side."""
    grid = rng.random((res + 1, res + 1))
    t = np.linspace(0.0, res, n, endpoint=False)
    i = t.astype(int)
    f = t - i
    f = f * f * (3 - 2 * f)
    rows = grid[i] * (1 - f)[:, None] + grid[i + 1] * f[:, None]
    return rows[:, i] * (1 - f)[None, :] + rows[:, i + 1] * f[None, :]


def jitter(rng, color, amount=0.06):
    """A colour close to ``color``."""
    return np.clip(np.asarray(color, float) + rng.normal(0, amount, 3), 0, 1)


class Canvas:
    """A square RGB image in [0, 1] whose pixels are addressed in picture units (0..1, y down)."""

    def __init__(self, n):
        self.n = n
        c = (np.arange(n, dtype=float) + 0.5) / n
        self.x = c[None, :]
        self.y = c[:, None]
        self.img = np.zeros((n, n, 3))

    def paint(self, mask, color, alpha=1.0):
        """Paint ``color`` (an RGB triple or an (n, n, 3) texture) where ``mask`` is true."""
        color = np.broadcast_to(np.asarray(color, float), self.img.shape)
        if alpha >= 1.0:
            np.copyto(self.img, color, where=mask[..., None])
        else:
            m = mask[..., None] * alpha
            self.img = self.img * (1 - m) + color * m

    def fill(self, color):
        self.img[...] = np.broadcast_to(np.asarray(color, float), self.img.shape)

    def vgradient(self, top, bottom, y0=0.0, y1=1.0):
        """An (n, n, 3) vertical gradient from ``top`` (at y0) to ``bottom`` (at y1)."""
        t = np.clip((self.y - y0) / max(y1 - y0, 1e-6), 0, 1)[..., None]
        out = np.asarray(top, float) * (1 - t) + np.asarray(bottom, float) * t
        return np.broadcast_to(out, self.img.shape)


class Frame:
    """Local coordinates (u, v) on a canvas: origin (cx, cy), unit ``s``, turned by ``angle``.

    Shapes are given in these units; ``fuzz`` (an (n, n) field) roughens their outlines like fur.
    """

    def __init__(self, cv, cx, cy, s, angle=0.0, flip=False, fuzz=None):
        dx = (cv.x - cx) / s
        dy = (cv.y - cy) / s
        ca, sa = math.cos(angle), math.sin(angle)
        self.u = dx * ca + dy * sa
        self.v = -dx * sa + dy * ca
        if flip:
            self.u = -self.u
        self.s = s
        self.fuzz = fuzz if fuzz is not None else 0.0

    def ellipse(self, ex, ey, rx, ry, rot=0.0, furry=False):
        du, dv = self.u - ex, self.v - ey
        if rot:
            c, s = math.cos(rot), math.sin(rot)
            du, dv = du * c + dv * s, -du * s + dv * c
        d = (du / rx) ** 2 + (dv / ry) ** 2
        return d < (1.0 + self.fuzz if furry else 1.0)

    def ring(self, ex, ey, r_out, r_in):
        d = (self.u - ex) ** 2 + (self.v - ey) ** 2
        return (d < r_out**2) & (d > r_in**2)

    def poly(self, pts, furry=False):
        """Convex polygon given by its corners, in either order."""
        pts = np.asarray(pts, float)
        pos = np.ones(self.u.shape, bool)
        neg = np.ones(self.u.shape, bool)
        tol = 0.12 * self.fuzz if furry else 0.0
        for (x0, y0), (x1, y1) in zip(pts, np.roll(pts, -1, axis=0), strict=True):
            ex, ey = x1 - x0, y1 - y0
            norm = math.hypot(ex, ey) or 1.0
            cross = (ex * (self.v - y0) - ey * (self.u - x0)) / norm
            pos &= cross >= -tol
            neg &= cross <= tol
        return pos | neg

    def rect(self, x0, y0, x1, y1):
        return (self.u >= x0) & (self.u <= x1) & (self.v >= y0) & (self.v <= y1)

    def segment(self, p0, p1, width):
        """Thick segment; ``width`` is in local units, but never thinner than 0.7 pixel."""
        (x0, y0), (x1, y1) = p0, p1
        ex, ey = x1 - x0, y1 - y0
        t = np.clip(((self.u - x0) * ex + (self.v - y0) * ey) / (ex * ex + ey * ey + 1e-12), 0, 1)
        d2 = (self.u - x0 - t * ex) ** 2 + (self.v - y0 - t * ey) ** 2
        half = max(width / 2, 0.35 / SIZE / self.s)
        return d2 < half * half

    def polyline(self, pts, width):
        mask = np.zeros(self.u.shape, bool)
        for p0, p1 in zip(pts[:-1], pts[1:], strict=True):
            mask |= self.segment(p0, p1, width)
        return mask

    def shade(self, color, ex, ey, r, strength=0.25, light=(-0.6, -0.8)):
        """``color`` lit from ``light``: brighter on the lit side of a shape centred at (ex, ey)."""
        t = ((self.u - ex) * light[0] + (self.v - ey) * light[1]) / r
        f = 1 + strength * np.clip(t, -1.5, 1.5)
        return np.clip(np.asarray(color, float) * f[..., None], 0, 1)


# --------------------------------------------------------------------------------------------
# Backgrounds and foreground occluders
# --------------------------------------------------------------------------------------------

WALLS = [(0.85, 0.82, 0.75), (0.7, 0.75, 0.8), (0.55, 0.45, 0.35), (0.9, 0.88, 0.85),
         (0.45, 0.5, 0.4), (0.75, 0.6, 0.55), (0.3, 0.3, 0.35), (0.95, 0.9, 0.7)]
FLOORS = [(0.55, 0.38, 0.22), (0.7, 0.55, 0.38), (0.4, 0.4, 0.42), (0.8, 0.78, 0.72),
          (0.35, 0.25, 0.2), (0.6, 0.2, 0.2)]
FABRICS = [(0.6, 0.15, 0.15), (0.2, 0.3, 0.55), (0.45, 0.45, 0.45), (0.75, 0.7, 0.6),
           (0.25, 0.45, 0.3), (0.5, 0.35, 0.5), (0.85, 0.85, 0.8)]


def background(cv, rng, kind=None):
    """Fill ``cv`` with a random scene behind the subject; returns the kind drawn."""
    kinds = ("indoor", "sofa", "grass", "bokeh", "plain", "wood", "blanket", "sky")
    kind = kind or kinds[rng.integers(len(kinds))]
    n = cv.n
    if kind == "indoor":
        wall = jitter(rng, WALLS[rng.integers(len(WALLS))])
        floor = jitter(rng, FLOORS[rng.integers(len(FLOORS))])
        h = rng.uniform(0.45, 0.85)
        cv.img[...] = cv.vgradient(wall * 1.08, wall * 0.9, 0, h)
        if rng.random() < 0.4:  # wallpaper stripes
            f = rng.uniform(10, 30)
            stripes = (np.sin(cv.x * f * 2 * np.pi) > 0.6) & (cv.y < h)
            cv.paint(np.broadcast_to(stripes, (n, n)), wall * 0.85)
        cv.paint(np.broadcast_to(cv.y >= h, (n, n)), cv.vgradient(floor * 0.85, floor * 1.1, h, 1))
        if rng.random() < 0.4:  # a window or a picture on the wall
            x0, y0 = rng.uniform(0, 0.7), rng.uniform(0.02, max(0.05, h - 0.35))
            w, hh = rng.uniform(0.15, 0.3), rng.uniform(0.15, 0.3)
            fr = Frame(cv, 0, 0, 1)
            cv.paint(fr.rect(x0, y0, x0 + w, y0 + hh), jitter(rng, (0.95, 0.95, 0.95), 0.05))
            cv.paint(fr.rect(x0 + 0.02, y0 + 0.02, x0 + w - 0.02, y0 + hh - 0.02),
                     jitter(rng, (0.6, 0.75, 0.9), 0.15))
    elif kind == "sofa":
        fab = jitter(rng, FABRICS[rng.integers(len(FABRICS))])
        cv.fill(fab * 0.8)
        fr = Frame(cv, 0, 0, 1)
        for _ in range(rng.integers(2, 5)):
            ex, ey = rng.uniform(0, 1), rng.uniform(0, 1)
            cv.paint(fr.ellipse(ex, ey, rng.uniform(0.2, 0.5), rng.uniform(0.15, 0.35)),
                     fr.shade(fab, ex, ey, 0.4, 0.3))
    elif kind == "grass":
        h = rng.uniform(0.2, 0.6)
        cv.img[...] = cv.vgradient(jitter(rng, (0.5, 0.7, 0.95)), jitter(rng, (0.8, 0.88, 0.95)),
                                   0, h)
        g = jitter(rng, (0.3, 0.55, 0.2), 0.08)
        tex = 0.75 + 0.5 * value_noise(rng, n, 24)
        cv.paint(np.broadcast_to(cv.y >= h, (n, n)), np.clip(g * tex[..., None], 0, 1))
    elif kind == "bokeh":
        cv.fill(jitter(rng, (0.4, 0.4, 0.4), 0.2))
        for res in (3, 6):
            for c in range(3):
                cv.img[..., c] += 0.35 * (value_noise(rng, n, res) - 0.5)
    elif kind == "plain":
        base = jitter(rng, (0.6, 0.6, 0.6), 0.25)
        cv.img[...] = cv.vgradient(base * 1.1, base * 0.85)
    elif kind == "wood":
        base = jitter(rng, (0.6, 0.42, 0.25), 0.08)
        f = rng.uniform(5, 12)
        grain = 0.85 + 0.15 * np.sin(cv.y * 90 + 6 * value_noise(rng, n, 4))
        planks = 0.9 + 0.1 * (np.floor(cv.x * f) % 2)
        cv.img[...] = np.clip(base * (grain * planks)[..., None], 0, 1)
    elif kind == "blanket":
        a, b = (jitter(rng, FABRICS[rng.integers(len(FABRICS))]) for _ in range(2))
        f = rng.uniform(4, 10)
        check = ((np.floor(cv.x * f) + np.floor(cv.y * f)) % 2)[..., None]
        cv.img[...] = a * check + b * (1 - check)
    else:  # sky
        cv.img[...] = cv.vgradient(jitter(rng, (0.35, 0.55, 0.9)), jitter(rng, (0.75, 0.85, 0.95)))
        clouds = value_noise(rng, n, 5) > 0.62
        cv.paint(clouds, (0.95, 0.95, 0.97), 0.7)
    np.clip(cv.img, 0, 1, out=cv.img)
    return kind


def occluder(cv, rng):
    """Draw something in front of the subject: a plant, a box edge, a cushion or a blurred bar."""
    kind = rng.integers(4)
    fr = Frame(cv, 0, 0, 1)
    if kind == 0:  # leaves of a house plant
        cx, cy = rng.choice([0.05, 0.95]), rng.uniform(0.4, 1.0)
        green = jitter(rng, (0.2, 0.5, 0.2), 0.08)
        for _ in range(rng.integers(3, 7)):
            a = rng.uniform(0, 2 * np.pi)
            ex, ey = cx + 0.2 * math.cos(a), cy + 0.2 * math.sin(a)
            cv.paint(fr.ellipse(ex, ey, 0.2, 0.06, rot=a), fr.shade(green, ex, ey, 0.2, 0.3))
    elif kind == 1:  # side of a cardboard box or a door frame
        edge = rng.uniform(0.0, 0.3)
        box = jitter(rng, (0.7, 0.55, 0.35) if rng.random() < 0.6 else (0.9, 0.9, 0.88))
        mask = (cv.x < edge) if rng.random() < 0.5 else (cv.x > 1 - edge)
        cv.paint(np.broadcast_to(mask, (cv.n, cv.n)), box)
    elif kind == 2:  # a cushion or blanket fold at the bottom
        ex, ey = rng.uniform(0.1, 0.9), rng.uniform(1.0, 1.15)
        fab = jitter(rng, FABRICS[rng.integers(len(FABRICS))])
        cv.paint(fr.ellipse(ex, ey, rng.uniform(0.35, 0.6), rng.uniform(0.2, 0.35)),
                 fr.shade(fab, ex, ey, 0.3, 0.3))
    else:  # an out-of-focus bar (a chair leg, a railing)
        x0 = rng.uniform(0.1, 0.9)
        w = rng.uniform(0.04, 0.1)
        cv.paint(fr.rect(x0, -1, x0 + w, 2), jitter(rng, (0.25, 0.2, 0.15), 0.1))


# --------------------------------------------------------------------------------------------
# Cats
# --------------------------------------------------------------------------------------------

COATS = ("tabby", "grey_tabby", "ginger", "black", "white", "grey", "calico", "tortie",
         "tuxedo", "siamese", "cream")
EYE_COLOURS = [(0.45, 0.7, 0.2), (0.85, 0.75, 0.2), (0.85, 0.55, 0.15), (0.35, 0.6, 0.9),
               (0.6, 0.75, 0.3)]


def coat_texture(cv, fr, rng, coat):
    """Fur colour over the whole canvas for one coat, plus the colour of its light patches."""
    n = cv.n
    white = jitter(rng, (0.93, 0.92, 0.88), 0.03)

    def solid(c):
        return np.broadcast_to(jitter(rng, c, 0.04), (n, n, 3)).copy()

    def stripes(base, dark, strength):
        ang = rng.uniform(-0.4, 0.4)
        warp = 2.5 * value_noise(rng, n, 6)
        f = rng.uniform(5, 8)
        t = fr.u * math.sin(ang) + fr.v * math.cos(ang)
        s = np.clip((np.sin(t * f + warp) - 0.1) * 2, 0, 1)[..., None]
        base, dark = jitter(rng, base, 0.04), jitter(rng, dark, 0.03)
        return base * (1 - strength * s) + dark * strength * s

    if coat == "tabby":
        tex = stripes((0.58, 0.45, 0.3), (0.22, 0.16, 0.1), 0.85)
    elif coat == "grey_tabby":
        tex = stripes((0.62, 0.62, 0.6), (0.2, 0.2, 0.2), 0.85)
    elif coat == "ginger":
        tex = stripes((0.9, 0.58, 0.25), (0.72, 0.36, 0.1), 0.7)
    elif coat == "black":
        tex = solid((0.08, 0.08, 0.09))
    elif coat == "white":
        tex = solid((0.94, 0.93, 0.9))
    elif coat == "grey":
        tex = solid((0.48, 0.5, 0.54))
    elif coat == "cream":
        tex = stripes((0.93, 0.82, 0.62), (0.82, 0.66, 0.45), 0.5)
    elif coat in ("calico", "tortie"):
        orange = jitter(rng, (0.88, 0.55, 0.2), 0.04)
        black = jitter(rng, (0.1, 0.08, 0.07), 0.02)
        a = value_noise(rng, n, 5)[..., None]
        b = value_noise(rng, n, 4)[..., None]
        if coat == "calico":
            tex = np.where(b > 0.5, white, np.where(a > 0.5, orange, black))
        else:
            tex = np.where(a > 0.45, black, orange) * 1.0
    elif coat == "tuxedo":
        tex = solid((0.07, 0.07, 0.08))
    else:  # siamese: cream body, dark points around the nose
        tex = solid((0.92, 0.86, 0.74))
        d = np.sqrt(fr.u**2 + (fr.v - 0.35) ** 2)
        k = np.clip(1.2 - d, 0, 1)[..., None]
        tex = tex * (1 - k) + jitter(rng, (0.3, 0.2, 0.15), 0.03) * k
    light_patch = coat in ("tuxedo", "calico", "white") or rng.random() < 0.35
    return np.clip(tex, 0, 1), (white if light_patch else None)


def draw_cat(cv, rng, pose):
    coat = COATS[rng.integers(len(COATS))]
    fuzz = 0.12 * (value_noise(rng, cv.n, 40) - 0.5)
    cx, cy, s = pose["cx"], pose["cy"], pose["s"]
    body = Frame(cv, cx, cy, s, 0.0, pose["flip"], fuzz)
    tex, patch = coat_texture(cv, body, rng, coat)
    shade = body.shade(tex, 0, 0.6, 2.5, 0.25)
    dark = tex * 0.7

    # body, legs and tail behind the head
    if pose["kind"] == "sit":
        tail = [(0.9, 2.7), (1.5, 2.6), (1.9, 2.0), (1.8, 1.4)]
        cv.paint(body.polyline(tail, 0.28), dark)
        cv.paint(body.ellipse(0.0, 1.55, 1.05, 1.35, furry=True), shade)
        if patch is not None:
            cv.paint(body.ellipse(0.0, 1.2, 0.45, 0.8, furry=True), patch)
        for side in (-1, 1):
            cv.paint(body.ellipse(0.38 * side, 2.45, 0.24, 0.6, furry=True), shade)
            cv.paint(body.ellipse(0.38 * side, 2.95, 0.28, 0.16),
                     patch if patch is not None else tex)
    elif pose["kind"] == "lie":
        tail = [(3.4, 1.2), (4.0, 1.3), (4.4, 0.9)]
        cv.paint(body.polyline(tail, 0.3), dark)
        cv.paint(body.ellipse(1.9, 0.85, 1.9, 0.8, furry=True), shade)
        for k in (0.2, 0.8):
            cv.paint(body.ellipse(k, 1.45, 0.45, 0.2, furry=True), shade)
    elif pose["kind"] == "face":  # shoulders leaving the picture
        cv.paint(body.ellipse(0.0, 1.6, 1.6, 1.2, furry=True), shade)
        if patch is not None:
            cv.paint(body.ellipse(0.0, 1.3, 0.6, 0.6, furry=True), patch)

    head = Frame(cv, cx, cy, s, pose["angle"], pose["flip"], fuzz)
    hshade = head.shade(tex, 0, 0, 1.0, 0.25)
    ear_h = rng.uniform(1.25, 1.55)
    ear_w = rng.uniform(0.0, 0.15)
    inner = jitter(rng, (0.9, 0.6, 0.6), 0.05)
    for side in (-1, 1):
        outer = [(side * 0.98, -0.2), (side * (0.2 - ear_w), -0.72),
                 (side * (0.78 + ear_w), -ear_h)]
        cv.paint(head.poly(outer), hshade)
        c = np.mean(outer, axis=0)
        cv.paint(head.poly([c + 0.55 * (np.array(p) - c) for p in outer]), inner)
    cv.paint(head.ellipse(0, 0, 1.0, 0.82, furry=True), hshade)
    for side in (-1, 1):  # cheek fluff
        cv.paint(head.ellipse(side * 0.5, 0.3, 0.55, 0.42, furry=True), hshade)
    if patch is not None:
        for side in (-1, 1):
            cv.paint(head.ellipse(side * 0.16, 0.45, 0.22, 0.18), patch)
        if coat == "tuxedo" or rng.random() < 0.4:
            cv.paint(head.poly([(-0.12, 0.4), (0.12, 0.4), (0, -0.45)]), patch)

    # eyes: almond, coloured iris, slit or round pupil, glint
    eye = jitter(rng, EYE_COLOURS[rng.integers(len(EYE_COLOURS))], 0.05)
    slit = rng.uniform(0.03, 0.1) if rng.random() < 0.75 else 0.13
    closed = rng.random() < 0.08
    for side in (-1, 1):
        ex, ey = side * 0.38, -0.08
        if closed:
            cv.paint(head.segment((ex - 0.17, ey), (ex + 0.17, ey + 0.02), 0.05), (0.1, 0.08, 0.07))
            continue
        cv.paint(head.ellipse(ex, ey, 0.23, 0.17, rot=side * 0.25), (0.08, 0.07, 0.06))
        cv.paint(head.ellipse(ex, ey, 0.19, 0.14, rot=side * 0.25), eye)
        cv.paint(head.ellipse(ex, ey, slit, 0.14), (0.03, 0.03, 0.03))
        cv.paint(head.ellipse(ex + 0.06, ey - 0.05, 0.04, 0.035), (1, 1, 1))
    # nose and mouth
    nose = jitter(rng, (0.85, 0.5, 0.5) if rng.random() < 0.7 else (0.25, 0.18, 0.16), 0.05)
    cv.paint(head.poly([(-0.11, 0.22), (0.11, 0.22), (0, 0.34)]), nose)
    line = (0.15, 0.1, 0.1)
    cv.paint(head.polyline([(0, 0.33), (0, 0.43), (-0.15, 0.5)], 0.035), line)
    cv.paint(head.polyline([(0, 0.43), (0.15, 0.5)], 0.035), line)
    # whiskers
    wcol = (0.95, 0.95, 0.92) if coat not in ("white", "cream") or rng.random() < 0.3 else line
    for side in (-1, 1):
        for k in range(3):
            tip = (side * rng.uniform(1.25, 1.55), 0.2 + 0.14 * k + rng.normal(0, 0.04))
            cv.paint(head.segment((side * 0.22, 0.38 + 0.04 * k), tip, 0.025), wcol, 0.85)


# --------------------------------------------------------------------------------------------
# Look-alike animals
# --------------------------------------------------------------------------------------------


def furry_tex(cv, rng, base, amount=0.15):
    n = cv.n
    grain = 1 + amount * (value_noise(rng, n, 30) - 0.5)
    return np.clip(jitter(rng, base, 0.05) * grain[..., None], 0, 1)


def round_eye(cv, fr, ex, ey, r, iris=(0.2, 0.12, 0.06)):
    cv.paint(fr.ellipse(ex, ey, r, r), (0.05, 0.04, 0.03))
    cv.paint(fr.ellipse(ex, ey, 0.8 * r, 0.8 * r), iris)
    cv.paint(fr.ellipse(ex, ey, 0.45 * r, 0.45 * r), (0.02, 0.02, 0.02))
    cv.paint(fr.ellipse(ex + 0.3 * r, ey - 0.3 * r, 0.22 * r, 0.22 * r), (1, 1, 1))


def body_behind(cv, fr, tex, pose):
    if pose["kind"] == "sit":
        cv.paint(fr.ellipse(0.0, 1.6, 1.1, 1.35, furry=True), fr.shade(tex, 0, 1.6, 1.5))
        for side in (-1, 1):
            cv.paint(fr.ellipse(0.4 * side, 2.55, 0.25, 0.55, furry=True), tex)
    elif pose["kind"] == "lie":
        cv.paint(fr.ellipse(1.9, 0.85, 1.9, 0.8, furry=True), fr.shade(tex, 1.9, 0.85, 2))
    else:
        cv.paint(fr.ellipse(0.0, 1.6, 1.6, 1.2, furry=True), fr.shade(tex, 0, 1.6, 1.6))


DOG_COATS = [(0.55, 0.35, 0.18), (0.85, 0.65, 0.35), (0.12, 0.1, 0.09), (0.92, 0.9, 0.85),
             (0.6, 0.6, 0.6), (0.45, 0.25, 0.12)]


def draw_dog(cv, rng, pose):
    fuzz = 0.1 * (value_noise(rng, cv.n, 40) - 0.5)
    fr = Frame(cv, pose["cx"], pose["cy"], pose["s"], pose["angle"], pose["flip"], fuzz)
    tex = furry_tex(cv, rng, DOG_COATS[rng.integers(len(DOG_COATS))])
    body_behind(cv, Frame(cv, pose["cx"], pose["cy"], pose["s"], 0, pose["flip"], fuzz), tex,
                pose)
    ear = tex * rng.uniform(0.55, 0.9)
    upright = rng.random() < 0.35
    if upright:  # shepherd-like ears, rounder and wider apart than a cat's
        for side in (-1, 1):
            cv.paint(fr.ellipse(side * 0.6, -0.95, 0.28, 0.55, rot=side * 0.35), ear)
    cv.paint(fr.ellipse(0, -0.05, 0.9, 0.95, furry=True), fr.shade(tex, 0, 0, 1))
    muzzle = np.clip(tex * 1.15 + 0.05, 0, 1)
    cv.paint(fr.ellipse(0, 0.55, 0.55, 0.42, furry=True), muzzle)
    if not upright:  # floppy ears hanging beside the face
        for side in (-1, 1):
            cv.paint(fr.ellipse(side * 0.95, 0.15, 0.3, 0.7, rot=-side * 0.3, furry=True), ear)
    for side in (-1, 1):
        round_eye(cv, fr, side * 0.38, -0.2, 0.12)
    cv.paint(fr.ellipse(0, 0.38, 0.22, 0.15), (0.05, 0.04, 0.04))
    cv.paint(fr.ellipse(-0.06, 0.33, 0.06, 0.04), (0.5, 0.5, 0.5))
    cv.paint(fr.polyline([(0, 0.5), (0, 0.7), (-0.2, 0.78)], 0.04), (0.1, 0.07, 0.05))
    cv.paint(fr.polyline([(0, 0.7), (0.2, 0.78)], 0.04), (0.1, 0.07, 0.05))
    if rng.random() < 0.4:
        cv.paint(fr.ellipse(0.05, 0.9, 0.15, 0.2), (0.9, 0.45, 0.5))


def draw_fox(cv, rng, pose):
    fuzz = 0.1 * (value_noise(rng, cv.n, 40) - 0.5)
    fr = Frame(cv, pose["cx"], pose["cy"], pose["s"], pose["angle"], pose["flip"], fuzz)
    tex = furry_tex(cv, rng, (0.85, 0.45, 0.15) if rng.random() < 0.8 else (0.6, 0.6, 0.62))
    body_behind(cv, Frame(cv, pose["cx"], pose["cy"], pose["s"], 0, pose["flip"], fuzz), tex,
                pose)
    white = jitter(rng, (0.95, 0.93, 0.9), 0.03)
    for side in (-1, 1):  # tall ears with black tips
        outer = [(side * 0.95, -0.1), (side * 0.2, -0.6), (side * 0.75, -1.75)]
        cv.paint(fr.poly(outer), tex)
        cv.paint(fr.poly([(side * 0.72, -1.45), (side * 0.82, -1.45), (side * 0.75, -1.75)]),
                 (0.1, 0.07, 0.05))
        c = np.mean(outer, axis=0)
        cv.paint(fr.poly([c + 0.5 * (np.array(p) - c) for p in outer]), white)
    cv.paint(fr.ellipse(0, -0.05, 0.95, 0.7, furry=True), fr.shade(tex, 0, 0, 1))
    cv.paint(fr.poly([(-0.5, 0.1), (0.5, 0.1), (0, 1.05)]), tex)  # long pointed snout
    for side in (-1, 1):
        cv.paint(fr.poly([(side * 0.95, 0.05), (side * 0.1, 0.3), (side * 0.05, 0.95)], True),
                 white)
    cv.paint(fr.ellipse(0, 0.98, 0.12, 0.08), (0.05, 0.04, 0.04))
    for side in (-1, 1):
        ex, ey = side * 0.36, -0.12
        cv.paint(fr.ellipse(ex, ey, 0.18, 0.09, rot=side * 0.45), (0.06, 0.05, 0.04))
        cv.paint(fr.ellipse(ex, ey, 0.14, 0.065, rot=side * 0.45), (0.85, 0.55, 0.15))
        cv.paint(fr.ellipse(ex, ey, 0.04, 0.065), (0.02, 0.02, 0.02))


def draw_rabbit(cv, rng, pose):
    fuzz = 0.1 * (value_noise(rng, cv.n, 40) - 0.5)
    fr = Frame(cv, pose["cx"], pose["cy"], pose["s"], pose["angle"], pose["flip"], fuzz)
    colours = [(0.95, 0.94, 0.92), (0.6, 0.45, 0.3), (0.55, 0.55, 0.55), (0.2, 0.17, 0.15)]
    tex = furry_tex(cv, rng, colours[rng.integers(len(colours))])
    body_behind(cv, Frame(cv, pose["cx"], pose["cy"], pose["s"], 0, pose["flip"], fuzz), tex,
                pose)
    inner = jitter(rng, (0.9, 0.65, 0.65), 0.04)
    lop = rng.random() < 0.25
    for side in (-1, 1):
        if lop:
            cv.paint(fr.ellipse(side * 0.85, 0.2, 0.25, 0.8, rot=-side * 0.2, furry=True), tex)
        else:
            rot = side * rng.uniform(0.05, 0.4)
            ex, ey = side * 0.35 + 0.8 * math.sin(rot), -0.6 - 0.9 * math.cos(rot)
            cv.paint(fr.ellipse(ex, ey, 0.22, 0.95, rot=rot, furry=True), tex)
            cv.paint(fr.ellipse(ex, ey, 0.11, 0.75, rot=rot), inner)
    cv.paint(fr.ellipse(0, 0, 0.8, 0.75, furry=True), fr.shade(tex, 0, 0, 1))
    for side in (-1, 1):
        cv.paint(fr.ellipse(side * 0.25, 0.38, 0.3, 0.25, furry=True), np.clip(tex * 1.1, 0, 1))
        round_eye(cv, fr, side * 0.48, -0.12, 0.13, (0.15, 0.08, 0.05))
    cv.paint(fr.poly([(-0.08, 0.22), (0.08, 0.22), (0, 0.3)]), (0.85, 0.5, 0.55))
    for side in (-1, 1):
        for k in range(2):
            cv.paint(fr.segment((side * 0.15, 0.33), (side * 1.1, 0.25 + 0.15 * k), 0.02),
                     (0.9, 0.9, 0.9), 0.7)


def draw_owl(cv, rng, pose):
    fuzz = 0.08 * (value_noise(rng, cv.n, 40) - 0.5)
    fr = Frame(cv, pose["cx"], pose["cy"], pose["s"], pose["angle"], pose["flip"], fuzz)
    colours = [(0.5, 0.38, 0.25), (0.65, 0.6, 0.55), (0.8, 0.65, 0.4), (0.93, 0.92, 0.9)]
    base = colours[rng.integers(len(colours))]
    speckle = (value_noise(rng, cv.n, 35) > 0.65)[..., None]
    tex = furry_tex(cv, rng, base) * (1 - 0.35 * speckle)
    if pose["kind"] != "face":
        cv.paint(fr.rect(-1.8, 2.35, 1.8, 2.6), (0.35, 0.25, 0.15))  # branch
        cv.paint(fr.ellipse(0, 1.3, 1.05, 1.3, furry=True), fr.shade(tex, 0, 1.3, 1.3))
        for side in (-1, 1):
            cv.paint(fr.ellipse(side * 0.9, 1.4, 0.35, 0.95, rot=side * 0.15), tex * 0.75)
    else:
        cv.paint(fr.ellipse(0, 1.5, 1.5, 1.2, furry=True), tex)
    if rng.random() < 0.7:  # ear tufts
        for side in (-1, 1):
            cv.paint(fr.poly([(side * 0.85, -0.45), (side * 0.35, -0.6), (side * 0.9, -1.25)]),
                     tex * 0.8)
    cv.paint(fr.ellipse(0, 0, 1.0, 0.85, furry=True), fr.shade(tex, 0, 0, 1))
    disc = jitter(rng, np.clip(np.asarray(base) * 1.25 + 0.05, 0, 1), 0.03)
    iris = jitter(rng, (0.95, 0.65, 0.1) if rng.random() < 0.7 else (0.95, 0.85, 0.2), 0.03)
    for side in (-1, 1):
        cv.paint(fr.ellipse(side * 0.42, -0.02, 0.42, 0.42), disc)
        cv.paint(fr.ellipse(side * 0.42, -0.02, 0.25, 0.25), (0.05, 0.04, 0.03))
        cv.paint(fr.ellipse(side * 0.42, -0.02, 0.21, 0.21), iris)
        cv.paint(fr.ellipse(side * 0.42, -0.02, 0.12, 0.12), (0.02, 0.02, 0.02))
        cv.paint(fr.ellipse(side * 0.42 + 0.06, -0.08, 0.04, 0.04), (1, 1, 1))
    cv.paint(fr.poly([(-0.09, 0.15), (0.09, 0.15), (0, 0.45)]), (0.3, 0.25, 0.2))


def draw_bear(cv, rng, pose):
    fuzz = 0.1 * (value_noise(rng, cv.n, 40) - 0.5)
    fr = Frame(cv, pose["cx"], pose["cy"], pose["s"], pose["angle"], pose["flip"], fuzz)
    colours = [(0.4, 0.26, 0.15), (0.12, 0.1, 0.09), (0.93, 0.9, 0.82), (0.7, 0.5, 0.3)]
    tex = furry_tex(cv, rng, colours[rng.integers(len(colours))])
    body_behind(cv, Frame(cv, pose["cx"], pose["cy"], pose["s"], 0, pose["flip"], fuzz), tex,
                pose)
    for side in (-1, 1):
        cv.paint(fr.ellipse(side * 0.72, -0.72, 0.3, 0.3, furry=True), tex)
        cv.paint(fr.ellipse(side * 0.72, -0.72, 0.15, 0.15), tex * 0.7)
    cv.paint(fr.ellipse(0, 0, 0.95, 0.88, furry=True), fr.shade(tex, 0, 0, 1))
    cv.paint(fr.ellipse(0, 0.42, 0.45, 0.35), np.clip(tex * 1.3 + 0.1, 0, 1))
    cv.paint(fr.ellipse(0, 0.3, 0.17, 0.12), (0.05, 0.04, 0.04))
    for side in (-1, 1):
        round_eye(cv, fr, side * 0.4, -0.18, 0.09, (0.1, 0.06, 0.04))
    cv.paint(fr.polyline([(0, 0.4), (0, 0.55), (-0.14, 0.62)], 0.04), (0.1, 0.07, 0.05))
    cv.paint(fr.polyline([(0, 0.55), (0.14, 0.62)], 0.04), (0.1, 0.07, 0.05))


# --------------------------------------------------------------------------------------------
# Objects and scenes
# --------------------------------------------------------------------------------------------


def draw_house(cv, rng):
    background(cv, rng, "sky" if rng.random() < 0.7 else "grass")
    g = rng.uniform(0.6, 0.85)
    fr = Frame(cv, 0, 0, 1)
    cv.paint(np.broadcast_to(cv.y > g, (cv.n, cv.n)), jitter(rng, (0.3, 0.5, 0.2)))
    w, h = rng.uniform(0.35, 0.8), rng.uniform(0.25, 0.45)
    x0 = rng.uniform(-0.1, 0.95 - w)
    wall = jitter(rng, [(0.85, 0.8, 0.7), (0.7, 0.3, 0.25), (0.9, 0.9, 0.85),
                        (0.6, 0.65, 0.7)][rng.integers(4)])
    roof = jitter(rng, [(0.5, 0.15, 0.1), (0.3, 0.3, 0.32), (0.45, 0.3, 0.2)][rng.integers(3)])
    cv.paint(fr.rect(x0, g - h, x0 + w, g), wall)
    rh = rng.uniform(0.12, 0.3)
    cv.paint(fr.poly([(x0 - 0.05, g - h), (x0 + w + 0.05, g - h), (x0 + w / 2, g - h - rh)]),
             roof)
    cv.paint(fr.rect(x0 + 0.7 * w, g - h - rh * 0.8, x0 + 0.78 * w, g - h - rh * 0.2),
             roof * 0.8)
    for k in range(rng.integers(1, 4)):
        wx = x0 + (0.1 + 0.3 * k) * w
        wy = g - h * 0.75
        ww = 0.16 * w
        cv.paint(fr.rect(wx, wy, wx + ww, wy + h * 0.3), (0.95, 0.95, 0.95))
        cv.paint(fr.rect(wx + 0.01, wy + 0.01, wx + ww - 0.01, wy + h * 0.3 - 0.01),
                 jitter(rng, (0.5, 0.65, 0.85), 0.1))
    cv.paint(fr.rect(x0 + 0.42 * w, g - 0.45 * h, x0 + 0.58 * w, g), jitter(rng, (0.4, 0.25, 0.15)))
    if rng.random() < 0.6:
        draw_tree(cv, rng, fr, rng.uniform(0, 1), g + 0.02, rng.uniform(0.12, 0.25))


def draw_tree(cv, rng, fr, x, ground, size):
    cv.paint(fr.rect(x - 0.1 * size, ground - 1.2 * size, x + 0.1 * size, ground),
             jitter(rng, (0.4, 0.27, 0.15)))
    green = jitter(rng, (0.2, 0.45, 0.18), 0.07)
    for _ in range(5):
        ex, ey = x + rng.normal(0, 0.35 * size), ground - 1.5 * size + rng.normal(0, 0.3 * size)
        cv.paint(fr.ellipse(ex, ey, 0.55 * size, 0.5 * size), fr.shade(green, ex, ey, size, 0.3))


def draw_car(cv, rng):
    background(cv, rng, ("plain", "grass", "indoor", "bokeh")[rng.integers(4)])
    fr = Frame(cv, 0, 0, 1)
    road_y = rng.uniform(0.7, 0.9)
    cv.paint(np.broadcast_to(cv.y > road_y, (cv.n, cv.n)), jitter(rng, (0.35, 0.35, 0.37)))
    w = rng.uniform(0.6, 1.1)
    x0 = rng.uniform(-0.15, 1.0 - w * 0.85)
    h = w * rng.uniform(0.22, 0.3)
    body = jitter(rng, [(0.75, 0.1, 0.1), (0.1, 0.25, 0.6), (0.9, 0.9, 0.9), (0.15, 0.15, 0.15),
                        (0.85, 0.7, 0.1), (0.5, 0.55, 0.6)][rng.integers(6)])
    yb = road_y - 0.08 * w
    cv.paint(fr.poly([(x0 + 0.2 * w, yb - h), (x0 + 0.75 * w, yb - h),
                      (x0 + 0.85 * w, yb - 0.5 * h), (x0 + 0.12 * w, yb - 0.5 * h)]), body * 0.95)
    cv.paint(fr.poly([(x0 + 0.25 * w, yb - 0.92 * h), (x0 + 0.47 * w, yb - 0.92 * h),
                      (x0 + 0.47 * w, yb - 0.55 * h), (x0 + 0.18 * w, yb - 0.55 * h)]),
             (0.6, 0.75, 0.85))
    cv.paint(fr.poly([(x0 + 0.5 * w, yb - 0.92 * h), (x0 + 0.72 * w, yb - 0.92 * h),
                      (x0 + 0.8 * w, yb - 0.55 * h), (x0 + 0.5 * w, yb - 0.55 * h)]),
             (0.6, 0.75, 0.85))
    cv.paint(fr.rect(x0, yb - 0.55 * h, x0 + w, yb), fr.shade(body, x0 + w / 2, yb - h / 3, w))
    cv.paint(fr.rect(x0 + 0.95 * w, yb - 0.45 * h, x0 + w, yb - 0.3 * h), (1, 0.95, 0.6))
    for k in (0.2, 0.8):
        cx = x0 + k * w
        cv.paint(fr.ellipse(cx, yb, 0.1 * w, 0.1 * w), (0.05, 0.05, 0.05))
        cv.paint(fr.ellipse(cx, yb, 0.05 * w, 0.05 * w), (0.7, 0.7, 0.72))


def draw_flowers(cv, rng):
    background(cv, rng, ("grass", "bokeh", "plain")[rng.integers(3)])
    fr = Frame(cv, 0, 0, 1)
    for _ in range(rng.integers(1, 5)):
        cx, cy = rng.uniform(0.1, 0.9), rng.uniform(0.15, 0.75)
        r = rng.uniform(0.07, 0.2)
        cv.paint(fr.segment((cx, cy), (cx + rng.normal(0, 0.05), 1.1), 0.015 + 0.05 * r),
                 (0.2, 0.5, 0.15))
        cv.paint(fr.ellipse(cx + 0.06, cy + 2 * r, 0.08, 0.03, rot=0.5), (0.25, 0.55, 0.2))
        petal = jitter(rng, [(0.95, 0.85, 0.1), (0.9, 0.2, 0.3), (0.95, 0.95, 0.95),
                             (0.6, 0.3, 0.8), (0.95, 0.5, 0.1)][rng.integers(5)])
        k = int(rng.integers(5, 10))
        a0 = rng.uniform(0, np.pi)
        for i in range(k):
            a = a0 + 2 * np.pi * i / k
            ex, ey = cx + 0.6 * r * math.cos(a), cy + 0.6 * r * math.sin(a)
            cv.paint(fr.ellipse(ex, ey, 0.5 * r, 0.22 * r, rot=a), fr.shade(petal, ex, ey, r))
        cv.paint(fr.ellipse(cx, cy, 0.3 * r, 0.3 * r), jitter(rng, (0.55, 0.35, 0.1)))


def draw_landscape(cv, rng):
    cv.img[...] = cv.vgradient(jitter(rng, (0.3, 0.5, 0.85)), jitter(rng, (0.85, 0.8, 0.75)), 0,
                               0.7)
    fr = Frame(cv, 0, 0, 1)
    if rng.random() < 0.5:
        sx, sy = rng.uniform(0.1, 0.9), rng.uniform(0.08, 0.3)
        cv.paint(fr.ellipse(sx, sy, 0.07, 0.07), (1.0, 0.92, 0.6))
    for _ in range(rng.integers(1, 4)):
        px, py = rng.uniform(0, 1), rng.uniform(0.15, 0.45)
        w = rng.uniform(0.3, 0.6)
        rock = jitter(rng, (0.45, 0.45, 0.5), 0.08)
        cv.paint(fr.poly([(px - w, 0.75), (px + w, 0.75), (px, py)]), fr.shade(rock, px, 0.6, w))
        if rng.random() < 0.6:  # snow on the top third
            t = 0.3
            snow_y = py + (0.75 - py) * t
            cv.paint(fr.poly([(px - w * t, snow_y), (px + w * t, snow_y), (px, py)]),
                     (0.95, 0.95, 0.97))
    g = rng.uniform(0.6, 0.8)
    grass = jitter(rng, (0.35, 0.55, 0.2), 0.08)
    cv.paint(np.broadcast_to(cv.y > g, (cv.n, cv.n)), cv.vgradient(grass * 0.9, grass * 1.15, g, 1))
    if rng.random() < 0.4:
        cv.paint(fr.ellipse(rng.uniform(0.2, 0.8), 0.9, rng.uniform(0.2, 0.4), 0.06),
                 jitter(rng, (0.35, 0.55, 0.8)))
    for _ in range(rng.integers(0, 4)):
        draw_tree(cv, rng, fr, rng.uniform(0, 1), rng.uniform(g, 1.0), rng.uniform(0.05, 0.15))


def draw_mug(cv, rng):
    background(cv, rng, ("indoor", "wood", "plain", "blanket")[rng.integers(4)])
    fr = Frame(cv, 0, 0, 1)
    cx, cy = rng.uniform(0.3, 0.7), rng.uniform(0.4, 0.65)
    r, h = rng.uniform(0.15, 0.28), rng.uniform(0.25, 0.45)
    col = jitter(rng, [(0.9, 0.9, 0.88), (0.7, 0.15, 0.15), (0.2, 0.3, 0.6), (0.95, 0.8, 0.2),
                       (0.2, 0.2, 0.2)][rng.integers(5)])
    cv.paint(fr.ring(cx + r, cy + 0.1 * h, 0.45 * r + 0.35 * h, 0.25 * r + 0.2 * h), col * 0.85)
    cv.paint(fr.rect(cx - r, cy - h / 2, cx + r, cy + h / 2), fr.shade(col, cx, cy, r, 0.4,
                                                                        (-1, 0)))
    cv.paint(fr.ellipse(cx, cy + h / 2, r, 0.3 * r), fr.shade(col, cx, cy, r, 0.4, (-1, 0)))
    cv.paint(fr.ellipse(cx, cy - h / 2, r, 0.3 * r), col * 0.9)
    cv.paint(fr.ellipse(cx, cy - h / 2, 0.88 * r, 0.24 * r), jitter(rng, (0.35, 0.2, 0.1)))


# --------------------------------------------------------------------------------------------
# One picture
# --------------------------------------------------------------------------------------------

ANIMALS = {"cat": draw_cat, "dog": draw_dog, "fox": draw_fox, "rabbit": draw_rabbit,
           "owl": draw_owl, "bear": draw_bear}
SCENES = {"house": draw_house, "car": draw_car, "flowers": draw_flowers,
          "landscape": draw_landscape, "mug": draw_mug}


def random_pose(rng, knobs, face_share):
    """Where an animal stands and how large it is: a close-up face, sitting, or lying down."""
    kind = "face" if rng.random() < face_share else ("sit", "lie")[rng.integers(2)]
    if kind == "face":
        s = rng.uniform(*knobs["face_scale"])
        d = knobs["face_offset"]
        cx, cy = 0.5 + rng.uniform(-d, d), 0.5 + rng.uniform(-0.6 * d, 0.6 * d)
    elif kind == "sit":
        s = rng.uniform(*knobs["body_scale"])
        cx, cy = rng.uniform(0.25, 0.75), rng.uniform(0.2, 0.75 - 2.2 * s)
    else:
        s = rng.uniform(*knobs["body_scale"])
        cx, cy = rng.uniform(0.1, 0.5), rng.uniform(0.3, 0.75)
    flip = bool(rng.random() < 0.5)
    if kind == "lie" and flip:
        cx = 1 - cx
    return {"kind": kind, "cx": cx, "cy": cy, "s": s, "angle": rng.normal(0, 0.2), "flip": flip}


def gaussian_blur(img, sigma):
    if sigma < 0.2:
        return img
    r = int(math.ceil(2.5 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    out = np.pad(img, ((r, r), (0, 0), (0, 0)), mode="edge")
    out = sum(k[i] * out[i:i + img.shape[0]] for i in range(2 * r + 1))
    out = np.pad(out, ((0, 0), (r, r), (0, 0)), mode="edge")
    return sum(k[i] * out[:, i:i + img.shape[1]] for i in range(2 * r + 1))


def render(rng, kind, knobs=KNOBS):
    """Draw one 64x64 picture of ``kind`` ('cat', a look-alike animal or a scene) as uint8."""
    cv = Canvas(SIZE * SUPER)
    if kind in ANIMALS:
        background(cv, rng)
        share = knobs["cat_face_share" if kind == "cat" else "lookalike_face_share"]
        pose = random_pose(rng, knobs, share)
        ANIMALS[kind](cv, rng, pose)
    else:
        SCENES[kind](cv, rng)
    if rng.random() < knobs["occlusion"]:
        occluder(cv, rng)
    img = cv.img.reshape(SIZE, SUPER, SIZE, SUPER, 3).mean(axis=(1, 3))

    # camera: exposure, gamma, colour cast, vignette, focus and sensor noise
    img = np.clip(img, 0, 1) ** rng.uniform(0.8, 1.25)
    img = img * rng.uniform(*knobs["exposure"]) * (1 + rng.normal(0, 0.06, 3))
    c = (np.arange(SIZE) + 0.5) / SIZE - 0.5
    r2 = c[None, :] ** 2 + c[:, None] ** 2
    img = img * (1 - rng.uniform(0, 0.6) * r2)[..., None]
    img = gaussian_blur(img, rng.uniform(0, knobs["max_blur"]))
    img = img + rng.normal(0, rng.uniform(0, knobs["max_noise"]), img.shape)
    return np.clip(np.round(img * 255), 0, 255).astype(np.uint8)


# --------------------------------------------------------------------------------------------
# The data set
# --------------------------------------------------------------------------------------------


def plan_split(split, seed=SEED, knobs=KNOBS):
    """The kind of every picture of a split ('cat' or a non-cat kind), in file order."""
    code, n_cat, n_non = SPLITS[split]
    rng = np.random.default_rng([seed, code, 999_999])
    n_look = int(round(knobs["lookalike_share"] * n_non))
    non = [LOOKALIKES[i % len(LOOKALIKES)] for i in range(n_look)]
    non += [OBJECTS[i % len(OBJECTS)] for i in range(n_non - n_look)]
    kinds = np.array(["cat"] * n_cat + non)
    return list(kinds[rng.permutation(len(kinds))])


def make_split(split, seed=SEED, knobs=KNOBS, indices=None):
    """Pictures (m, 64, 64, 3) uint8 and labels (m,) int64 of a split, or of some of its indices."""
    code = SPLITS[split][0]
    kinds = plan_split(split, seed, knobs)
    indices = range(len(kinds)) if indices is None else indices
    x = np.stack([render(np.random.default_rng([seed, code, i]), kinds[i], knobs)
                  for i in indices])
    y = np.array([kinds[i] == "cat" for i in indices], dtype=np.int64)
    return x, y


def write_split(path, split, x, y):
    """Write one split in the classic schema, with no timestamps so the bytes are reproducible."""
    with h5py.File(path, "w", libver="earliest") as f:
        f.create_dataset(f"{split}_set_x", data=x, track_times=False)
        f.create_dataset(f"{split}_set_y", data=y, track_times=False)
        f.create_dataset("list_classes", data=CLASSES, track_times=False)


def example_grid(path, x, kinds, rows=4, cols=8):
    """Save a labelled grid: cats in the top half, then non-cats of every kind in turn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    half = rows * cols // 2
    kinds = np.asarray(kinds)
    picks = list(np.flatnonzero(kinds == "cat")[:half])
    queues = [list(np.flatnonzero(kinds == k)) for k in LOOKALIKES + OBJECTS]
    while len(picks) < rows * cols and any(queues):
        picks += [q.pop(0) for q in queues if q][: rows * cols - len(picks)]
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.3, rows * 1.45), dpi=90)
    for ax, i in zip(axes.ravel(), picks, strict=False):
        ax.imshow(x[i], interpolation="nearest")
        label = "cat" if kinds[i] == "cat" else f"non-cat ({kinds[i]})"
        ax.set_title(f"#{i} {label}", fontsize=7)
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def generate(out_dir, seed=SEED, knobs=KNOBS, examples=False):
    """Write both files (and optionally ``examples.png``) into ``out_dir``; returns their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for split in SPLITS:
        x, y = make_split(split, seed, knobs)
        path = out_dir / f"{split}_catvnoncat.h5"
        write_split(path, split, x, y)
        paths.append(path)
        if examples and split == "train":
            example_grid(out_dir / "examples.png", x, plan_split(split, seed, knobs))
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent),
                        help="output folder (default: the folder of this script)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed (default: {SEED})")
    parser.add_argument("--examples", action="store_true", help="also write examples.png")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    for path in generate(args.out, args.seed, examples=args.examples):
        print(f"wrote {path}")
    print(f"done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The static model's maths, shared by training and evaluation: sparse texts, their vectors,
and int8 quantisation. Mirrors src/embed/builtin.ts."""

import os

import numpy as np


def load_side(data, name):
    off = np.fromfile(os.path.join(data, f"{name}.off.u32"), dtype=np.uint32).astype(np.int64)
    ids = np.fromfile(os.path.join(data, f"{name}.ids.u32"), dtype=np.uint32).astype(np.int64)
    tf = np.fromfile(os.path.join(data, f"{name}.tf.u16"), dtype=np.uint16).astype(np.float32)
    return off, ids, tf


def segments(off, rows):
    """Positions of the flattened entries of texts `rows`, and the start of each text."""
    starts = off[rows]
    lens = off[rows + 1] - starts
    total = int(lens.sum())
    seg = np.zeros(len(rows), dtype=np.int64)
    seg[1:] = np.cumsum(lens)[:-1]
    pos = np.arange(total, dtype=np.int64) - np.repeat(seg - starts, lens)
    return pos, seg, lens


class Side:
    """One side (doc or code) of every pair, restricted to the first `vocab` term ids."""

    def __init__(self, off, ids, tf, vocab, idf):
        keep = ids < vocab
        kept_before = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
        self.off = kept_before[off]
        self.ids = ids[keep]
        self.w = ((1.0 + np.log(tf[keep])) * idf[self.ids]).astype(np.float32)
        self.n = len(off) - 1

    def nonempty(self):
        return self.off[1:] > self.off[:-1]

    def embed(self, table, rows):
        pos, seg, _ = segments(self.off, rows)
        vecs = np.add.reduceat(table[self.ids[pos]] * self.w[pos, None], seg, axis=0)
        return vecs, pos, seg


def normalise(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(n, 1e-12), np.maximum(n, 1e-12)


def quantise(table):
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def quantise_idf(idf):
    top = float(idf.max())
    q = np.clip(np.rint(idf / top * 255.0), 1, 255).astype(np.uint8)
    return q, top


def embed_all(side, table, rows, batch=4096):
    out = np.zeros((len(rows), table.shape[1]), dtype=np.float32)
    for i in range(0, len(rows), batch):
        r = rows[i : i + batch]
        ok = side.off[r + 1] > side.off[r]
        if ok.any():
            v, _, _ = side.embed(table, r[ok])
            out[i : i + batch][ok] = normalise(v)[0]
    return out

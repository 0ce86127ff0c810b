"""Trains the built-in static embedding model (a token -> vector table) with numpy only.

Reads the arrays written by model/build-dataset.ts, trains one table shared by documentation and
code with a symmetric in-batch contrastive loss (InfoNCE), evaluates the int8-quantised table on
the held-aside pairs against BM25 on the same pairs, measures what pruning the vocabulary costs,
and writes the quantised arrays plus metrics.json for model/write-model.ts.

A text's vector is sum over its distinct terms of (1 + ln tf) * idf(term) * E[term], L2-normalised;
the runtime (src/embed/builtin.ts) computes exactly this.
"""

import argparse
import json
import math
import os
import time

import numpy as np

try:  # scipy's sparse products avoid materialising a (terms x dims) array per batch; optional
    import scipy.sparse as sparse
except ImportError:  # pragma: no cover - the numpy path gives the same model, more slowly
    sparse = None


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


def ranks_from_scores(scores):
    """Rank (1-based) of the diagonal entry in each row; ties count against the true item."""
    true = np.diag(scores)[:, None]
    return (scores > true).sum(axis=1) + 1


def mrr_recall(ranks):
    return {
        "mrr": round(float(np.mean(1.0 / ranks)), 4),
        "recall@10": round(float(np.mean(ranks <= 10)), 4),
        "recall@1": round(float(np.mean(ranks <= 1)), 4),
    }


def bm25_scores(doc_side, code_side, rows, k1=1.2, b=0.75):
    """BM25 over the held-aside code texts (all terms, nothing pruned), queries = docs."""
    n = len(rows)
    postings = {}
    lengths = np.zeros(n, dtype=np.float32)
    for j, r in enumerate(rows):
        s, e = code_side[0][r], code_side[0][r + 1]
        ids, tf = code_side[1][s:e], code_side[2][s:e]
        lengths[j] = tf.sum()
        for t, f in zip(ids.tolist(), tf.tolist()):
            postings.setdefault(t, ([], []))
            postings[t][0].append(j)
            postings[t][1].append(f)
    avg = float(lengths.mean())
    scores = np.zeros((n, n), dtype=np.float32)
    norm = k1 * (1 - b + b * lengths / avg)
    for i, r in enumerate(rows):
        s, e = doc_side[0][r], doc_side[0][r + 1]
        for t, qtf in zip(doc_side[1][s:e].tolist(), doc_side[2][s:e].tolist()):
            p = postings.get(t)
            if p is None:
                continue
            docs = np.asarray(p[0])
            f = np.asarray(p[1], dtype=np.float32)
            idf = math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            scores[i, docs] += qtf * idf * f * (k1 + 1) / (f + norm[docs])
    return scores


def evaluate(doc, code, raw_doc, raw_code, table, held, vocab_sizes):
    qe = embed_all(doc, table, held)
    ce = embed_all(code, table, held)
    cos = qe @ ce.T
    bm = bm25_scores(raw_doc, raw_code, held)
    bm_norm = bm / np.maximum(bm.max(axis=1, keepdims=True), 1e-9)
    blend = 0.2 * bm_norm + 0.8 * cos
    out = {
        "pairs": int(len(held)),
        "model": mrr_recall(ranks_from_scores(cos)),
        "bm25": mrr_recall(ranks_from_scores(bm)),
        "blend_0.2bm25_0.8cos": mrr_recall(ranks_from_scores(blend)),
    }
    curve = []
    for k in vocab_sizes:
        t = table.copy()
        t[k:] = 0
        qk = embed_all(doc, t, held)
        ck = embed_all(code, t, held)
        r = mrr_recall(ranks_from_scores(qk @ ck.T))
        curve.append({"vocab": int(k), **r})
    out["pruning"] = curve
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dims", type=int, default=256)
    ap.add_argument("--vocab", type=int, default=200000, help="max trained vocabulary (most frequent first)")
    ap.add_argument("--ship-vocab", type=int, default=0, help="vocabulary written to the model (0 = all trained)")
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--batch", type=int, default=4096)
    ap.add_argument("--temperature", type=float, default=0.05)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--max-seconds", type=float, default=300.0)
    ap.add_argument("--eval-pairs", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=20240611)
    args = ap.parse_args()
    t0 = time.time()
    rng = np.random.default_rng(args.seed)

    dataset = json.load(open(os.path.join(args.data, "dataset.json")))
    df = np.array([int(l.split("\t")[1]) for l in open(os.path.join(args.data, "vocab.tsv"), encoding="utf-8") if l.strip()])
    vocab = int(min(args.vocab, int((df >= args.min_df).sum())))
    split = np.fromfile(os.path.join(args.data, "split.u8"), dtype=np.uint8)
    n_texts = 2 * int((split == 0).sum())
    idf_full = np.log(1.0 + (n_texts - df + 0.5) / (df + 0.5)).astype(np.float32)
    idf_q, idf_max = quantise_idf(idf_full[:vocab])
    idf = idf_q.astype(np.float32) / 255.0 * idf_max  # train with the weights the runtime will use

    raw_doc = load_side(args.data, "doc")
    raw_code = load_side(args.data, "code")
    doc = Side(*raw_doc, vocab, idf)
    code = Side(*raw_code, vocab, idf)
    usable = doc.nonempty() & code.nonempty()
    train = np.flatnonzero(usable & (split == 0))
    held_all = np.flatnonzero(usable & (split == 1))
    held = np.sort(rng.permutation(held_all)[: args.eval_pairs]) if len(held_all) > args.eval_pairs else held_all

    d = args.dims
    table = (rng.standard_normal((vocab, d)) * 0.1).astype(np.float32)
    m = np.zeros_like(table)
    v = np.zeros_like(table)
    b1, b2, eps = 0.9, 0.999, 1e-8
    batch = min(args.batch, len(train))
    steps_per_epoch = max(1, len(train) // batch)
    total_steps = max(1, int(args.epochs * steps_per_epoch))
    tau = args.temperature
    losses = []
    step = 0
    t_train = time.time()
    stopped = "epochs"
    while step < total_steps:
        order = rng.permutation(train)
        for i in range(steps_per_epoch):
            if step >= total_steps:
                break
            if time.time() - t0 > args.max_seconds:
                stopped = "time"
                total_steps = step
                break
            rows = order[i * batch : (i + 1) * batch]
            if sparse is not None:
                qpos, qseg, qlens = segments(doc.off, rows)
                cpos, cseg, clens = segments(code.off, rows)
                uniq, inv = np.unique(np.concatenate([doc.ids[qpos], code.ids[cpos]]), return_inverse=True)
                local = table[uniq]
                qm = sparse.csr_matrix((doc.w[qpos], inv[: len(qpos)], np.r_[0, np.cumsum(qlens)]), shape=(len(rows), len(uniq)))
                cm = sparse.csr_matrix((code.w[cpos], inv[len(qpos) :], np.r_[0, np.cumsum(clens)]), shape=(len(rows), len(uniq)))
                qv = np.asarray(qm @ local)
                cv = np.asarray(cm @ local)
            else:
                qv, qpos, qseg = doc.embed(table, rows)
                cv, cpos, cseg = code.embed(table, rows)
            qn, qnorm = normalise(qv)
            cn, cnorm = normalise(cv)
            logits = (qn @ cn.T) / tau
            n = len(rows)
            p1 = np.exp(logits - logits.max(axis=1, keepdims=True))
            p1 /= p1.sum(axis=1, keepdims=True)
            p2 = np.exp(logits - logits.max(axis=0, keepdims=True))
            p2 /= p2.sum(axis=0, keepdims=True)
            diag = np.arange(n)
            loss = -0.5 * (np.log(p1[diag, diag] + 1e-12).mean() + np.log(p2[diag, diag] + 1e-12).mean())
            losses.append(float(loss))
            g = 0.5 * (p1 + p2)
            g[diag, diag] -= 1.0
            g /= n * tau
            dqn = g @ cn
            dcn = g.T @ qn
            dq = (dqn - qn * (dqn * qn).sum(axis=1, keepdims=True)) / qnorm
            dc = (dcn - cn * (dcn * cn).sum(axis=1, keepdims=True)) / cnorm
            if sparse is not None:
                grad = np.asarray(qm.T @ dq) + np.asarray(cm.T @ dc)
            else:
                qlens = np.diff(np.append(qseg, len(qpos)))
                clens = np.diff(np.append(cseg, len(cpos)))
                ids = np.concatenate([doc.ids[qpos], code.ids[cpos]])
                contrib = np.concatenate(
                    [np.repeat(dq, qlens, axis=0) * doc.w[qpos, None], np.repeat(dc, clens, axis=0) * code.w[cpos, None]]
                )
                srt = np.argsort(ids, kind="stable")
                ids_s = ids[srt]
                first = np.flatnonzero(np.r_[True, ids_s[1:] != ids_s[:-1]])
                uniq = ids_s[first]
                grad = np.add.reduceat(contrib[srt], first, axis=0)
            step += 1
            # Cosine decay over planned steps or the time budget, whichever runs out first.
            progress = max(step / total_steps, (time.time() - t_train) / max(args.max_seconds - (t_train - t0), 1.0))
            lr = args.lr * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
            m[uniq] = b1 * m[uniq] + (1 - b1) * grad
            v[uniq] = b2 * v[uniq] + (1 - b2) * grad * grad
            mh = m[uniq] / (1 - b1**step)
            vh = v[uniq] / (1 - b2**step)
            table[uniq] -= lr * mh / (np.sqrt(vh) + eps)
            if step % 20 == 0 or step == 1:
                print(f"step {step}/{total_steps} loss {loss:.4f} lr {lr:.5f} {time.time() - t0:.0f}s", flush=True)
    train_seconds = time.time() - t0

    ship = vocab if args.ship_vocab <= 0 else min(args.ship_vocab, vocab)
    table_q, scale = quantise(table[:ship])
    dequant = np.zeros_like(table)
    dequant[:ship] = table_q.astype(np.float32) * scale[:, None]
    sizes = sorted({k for k in [8000, 16000, 32000, 48000, 64000, 100000, 150000, 200000] if k < vocab} | {ship, vocab})
    metrics = {}
    if len(held) >= 10:
        metrics = evaluate(doc, code, raw_doc, raw_code, dequant, held, [k for k in sizes if k <= ship])
        float_metrics = mrr_recall(ranks_from_scores(embed_all(doc, table, held) @ embed_all(code, table, held).T))
        metrics["model_float32_before_quantisation"] = float_metrics
        for k in [k for k in sizes if k > ship]:
            t = table.copy()
            t[k:] = 0
            r = mrr_recall(ranks_from_scores(embed_all(doc, t, held) @ embed_all(code, t, held).T))
            metrics["pruning"].append({"vocab": int(k), "float32": True, **r})

    os.makedirs(args.out, exist_ok=True)
    table_q.tofile(os.path.join(args.out, "table.i8"))
    scale.tofile(os.path.join(args.out, "scale.f32"))
    idf_q[:ship].tofile(os.path.join(args.out, "idf.u8"))
    result = {
        "vocabulary": int(ship),
        "trainedVocabulary": int(vocab),
        "dimensions": d,
        "idfMax": idf_max,
        "hyperParameters": {
            "loss": "symmetric in-batch InfoNCE",
            "temperature": tau,
            "batch": batch,
            "optimizer": "lazy Adam (rows in batch), cosine learning-rate decay",
            "learningRate": args.lr,
            "epochsPlanned": args.epochs,
            "steps": step,
            "stoppedBy": stopped,
            "minDf": args.min_df,
            "seed": args.seed,
            "init": "normal(0, 0.1)",
            "backend": "scipy.sparse" if sparse is not None else "numpy",
            "numpy": np.__version__,
        },
        "data": {
            "pairs": int(dataset["pairs"]),
            "trainPairs": int(len(train)),
            "heldAsidePairs": int(len(held_all)),
            "evaluatedPairs": int(len(held)),
        },
        "heldAside": metrics,
        "lossFirst": losses[:1],
        "lossLast": round(float(np.mean(losses[-10:])), 4) if losses else None,
        "trainSeconds": round(train_seconds, 1),
        "totalSeconds": round(time.time() - t0, 1),
    }
    json.dump(result, open(os.path.join(args.out, "metrics.json"), "w"), indent=2)
    print(json.dumps({k: result[k] for k in ["vocabulary", "heldAside", "trainSeconds"]}, indent=1), flush=True)


if __name__ == "__main__":
    main()

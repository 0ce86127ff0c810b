"""Held-aside evaluation: the model against BM25 on the same (doc -> code) pairs, their blend,
and what pruning the vocabulary costs."""

import math

import numpy as np

from static_model import embed_all


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

"""Trains the built-in static embedding model (a token -> vector table) with numpy only.

Reads the arrays written by model/build-dataset.ts, trains one table shared by documentation and
code with a symmetric in-batch contrastive loss (InfoNCE), evaluates the int8-quantised table on
the held-aside pairs against BM25 on the same pairs, measures what pruning the vocabulary costs,
and writes the quantised arrays plus metrics.json for model/write-model.ts.

A text's vector is sum over its distinct terms of (1 + ln tf) * idf(term) * E[term], L2-normalised;
the runtime (src/embed/builtin.ts) computes exactly this.

Options off by default (the shipped model uses neither): --eval-every N measures MRR on a second
set of held-aside pairs (not the reported ones) every N steps and keeps the best table;
--term-dropout P drops each (text, term) entry of a training batch with chance P.
"""

import argparse
import json
import math
import os
import time

import numpy as np

try:  # scipy's sparse products avoid materialising a (terms x dims) array per batch; optional
    import scipy.sparse as sparse
except ImportError:  # the numpy path computes the same model, more slowly
    sparse = None
if os.environ.get("MODEL_TRAIN_BACKEND") == "numpy":
    sparse = None

from evaluate import evaluate, mrr_recall, ranks_from_scores
from static_model import Side, embed_all, load_side, normalise, quantise, quantise_idf, segments


def drop_terms(rng, pos, lens, p):
    """Drops each (text, term) entry with chance p, keeping at least one entry per text."""
    keep = rng.random(len(pos)) >= p
    starts = np.r_[0, np.cumsum(lens)[:-1]]
    keep[starts[lens > 0]] |= ~np.logical_or.reduceat(keep, starts[lens > 0]) if len(pos) else False
    seg_of = np.repeat(np.arange(len(lens)), lens)
    return pos[keep], np.bincount(seg_of[keep], minlength=len(lens)).astype(np.int64)


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
    ap.add_argument("--eval-every", type=int, default=0, help="steps between early-stopping checks (0 = never)")
    ap.add_argument("--term-dropout", type=float, default=0.0, help="chance of dropping a (text, term) entry in training")
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
    shuffled = rng.permutation(held_all)
    # Early stopping watches held-aside pairs that are not the reported ones (other packages' pairs
    # are never trained on either way), so the reported metrics do not select themselves.
    n_held = min(args.eval_pairs, len(held_all) // 2 if args.eval_every > 0 else len(held_all))
    held = np.sort(shuffled[:n_held])
    valid = np.sort(shuffled[n_held:][: args.eval_pairs])
    best = {"mrr": -1.0, "step": 0, "table": None}
    curve = []

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
                if args.term_dropout > 0:
                    qpos, qlens = drop_terms(rng, qpos, qlens, args.term_dropout)
                    cpos, clens = drop_terms(rng, cpos, clens, args.term_dropout)
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
            if args.eval_every > 0 and len(valid) >= 10 and (step % args.eval_every == 0 or step == total_steps):
                r = mrr_recall(ranks_from_scores(embed_all(doc, table, valid) @ embed_all(code, table, valid).T))
                curve.append({"step": step, "loss": round(float(np.mean(losses[-args.eval_every :])), 4), **r})
                print(f"step {step} validation {r}", flush=True)
                if r["mrr"] > best["mrr"]:
                    best = {"mrr": r["mrr"], "step": step, "table": table.copy()}
    if best["table"] is not None and best["step"] != step:
        print(f"early stopping: keeping step {best['step']} (validation MRR {best['mrr']})", flush=True)
        table = best["table"]
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
            "keptStep": best["step"] if best["table"] is not None else step,
            "evalEvery": args.eval_every,
            "termDropout": args.term_dropout,
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
        "validationCurve": curve,
        "lossFirst": losses[:1],
        "lossLast": round(float(np.mean(losses[-10:])), 4) if losses else None,
        "trainSeconds": round(train_seconds, 1),
        "totalSeconds": round(time.time() - t0, 1),
    }
    json.dump(result, open(os.path.join(args.out, "metrics.json"), "w"), indent=2)
    print(json.dumps({k: result[k] for k in ["vocabulary", "heldAside", "trainSeconds"]}, indent=1), flush=True)


if __name__ == "__main__":
    main()

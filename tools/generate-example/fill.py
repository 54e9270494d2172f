"""Assigning answers to units with exact counts."""


def assign_single(rng, rows, ids, var, counts):
    """Give `ids` the codes in `counts` [(code, n)], in random order."""
    ids = list(ids)
    if sum(n for _, n in counts) != len(ids):
        raise ValueError(f"{var}: counts {counts} do not add up to {len(ids)}")
    rng.shuffle(ids)
    pos = 0
    for code, n in counts:
        for kid in ids[pos:pos + n]:
            rows[kid][var] = code
        pos += n


def assign_multi(rng, rows, ids, columns, counts, nei=None, union=None):
    """Fill 0/1 option columns for units that answered a multiple-choice question.

    `counts[col]` ones per column; the `nei` column is exclusive; every other
    unit gets at least one 1. `union = (col_a, col_b, n)` makes exactly n units
    tick col_a or col_b (used for options merged in a panel).
    """
    ids = list(ids)
    rng.shuffle(ids)
    for kid in ids:
        for col in columns:
            rows[kid][col] = 0
    n_nei = counts.get(nei, 0) if nei else 0
    for kid in ids[:n_nei]:
        rows[kid][nei] = 1
    yes = ids[n_nei:]
    m = len(yes)
    others = [c for c in columns if c != nei]
    for c in others:
        if counts[c] > m:
            raise ValueError(f"{c}: {counts[c]} ones but only {m} yes-units")
    pos = 0
    if union:
        a, b, u = union
        if not (counts[a] <= u and counts[b] <= u <= counts[a] + counts[b] and u <= m):
            raise ValueError(f"union {union} impossible")
        for kid in yes[:counts[a]]:
            rows[kid][a] = 1
        for kid in yes[u - counts[b]:u]:
            rows[kid][b] = 1
        others = [c for c in others if c not in (a, b)]
        pos = u
    if pos + sum(counts[c] for c in others) < m:
        raise ValueError(f"{columns}: not enough ones to cover {m} units")
    for c in sorted(others, key=lambda c: (-counts[c], columns.index(c))):
        for k in range(counts[c]):
            rows[yes[(pos + k) % m]][c] = 1
        pos = (pos + counts[c]) % m


def assign_text(rng, rows, ids, var, n, phrases):
    """Write short free-text answers for n of `ids`."""
    ids = list(ids)
    if n > len(ids):
        raise ValueError(f"{var}: {n} writers but only {len(ids)} eligible")
    for kid in rng.sample(ids, n):
        rows[kid][var] = rng.choice(phrases)


def rating_codes(group_counts, s_high, s_low):
    """Turn group counts (top, mid, bottom, not relevant) into code counts 1-6.

    s_high: share of the top group answering 5; s_low: share of the bottom
    group answering 1.
    """
    top, mid, bottom, nr = group_counts
    fives = int(top * s_high + 0.5)
    ones = int(bottom * s_low + 0.5)
    return [(1, ones), (2, bottom - ones), (3, mid), (4, top - fives), (5, fives), (6, nr)]

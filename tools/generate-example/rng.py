"""A small deterministic pseudo-random generator (SplitMix64).

Python's own `random` module is stable in practice, but its algorithms for
`shuffle`/`sample` are not a documented contract; this generator is, so the
example data stay byte-identical on every Python 3 version.
"""

import math

MASK = (1 << 64) - 1


class Rng:
    """SplitMix64 with the few helpers the generator needs."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next_u64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def random(self):
        """Uniform float in [0, 1)."""
        return (self.next_u64() >> 11) / float(1 << 53)

    def below(self, n):
        """Uniform integer in [0, n)."""
        if n <= 0:
            raise ValueError("below() needs n > 0")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = self.next_u64()
            if x < limit:
                return x % n

    def randint(self, a, b):
        """Uniform integer in [a, b]."""
        return a + self.below(b - a + 1)

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def gauss(self):
        """Standard normal (Box-Muller)."""
        u1 = 1.0 - self.random()
        u2 = self.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def shuffle(self, items):
        """Fisher-Yates in place; returns the list for convenience."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items

    def sample(self, items, k):
        """k distinct items, in random order."""
        pool = list(items)
        self.shuffle(pool)
        return pool[:k]

    def choice(self, items):
        return items[self.below(len(items))]

#!/usr/bin/env python3
"""Reference outputs of xoshiro256++ seeded by SplitMix64 (Blackman & Vigna's C code, in Python).

Prints the first five 64-bit outputs for the seeds used in Tests/RandomnessTests; an
implementation independent of Sources/CGSL/shim.h.
"""
M = (1 << 64) - 1


def splitmix64(x):
    x = (x + 0x9E3779B97F4A7C15) & M
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return x, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro256pp(seed, count):
    x, s = seed, []
    for _ in range(4):
        x, value = splitmix64(x)
        s.append(value)
    for _ in range(count):
        yield (rotl((s[0] + s[3]) & M, 23) + s[0]) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)


if __name__ == "__main__":
    for seed in (0, 42, 0xDEADBEEFCAFEBABE):
        print(hex(seed), [f"0x{v:016x}" for v in xoshiro256pp(seed, 5)])

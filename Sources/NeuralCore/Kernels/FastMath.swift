/// exp, sigmoid and tanh without libm calls, so that the loops over activations vectorise (the
/// algorithm lives in the eight-lane `fastExp` of Vectorized.swift; these are its scalar faces).
///
/// exp(x) = 2^k · e^r with k = round(x / ln 2) and r = x − k·ln 2 (split in two constants so r is
/// exact to a few ulps), e^r from its degree-6 Taylor polynomial on |r| ≤ ln2/2 (truncation error
/// below 1.3e-7 relative), 2^k assembled in the exponent bits. Rounding uses the 1.5·2^23 trick
/// so no SSE4.1 instruction is needed. Tested: relative error of `fastExp` ≤ 3e-7 on [−87, 88];
/// absolute error of `fastSigmoid` and `fastTanh` ≤ 3e-7 everywhere.
@inlinable @inline(__always)
public func fastExp(_ x: Float) -> Float { fastExp(Lanes(repeating: x))[0] }

@inlinable @inline(__always)
public func fastSigmoid(_ x: Float) -> Float { 1 / (1 + fastExp(-x)) }

/// tanh(x) = 1 − 2/(e^{2x} + 1): accurate in absolute terms (what gradients need), saturating
/// cleanly to ±1.
@inlinable @inline(__always)
public func fastTanh(_ x: Float) -> Float { 1 - 2 / (fastExp(2 * x) + 1) }

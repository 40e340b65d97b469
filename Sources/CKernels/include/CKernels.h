// The elementwise hot loops of NeuralCore (activations, the fused GRU gates, Adam), written in
// C because clang vectorises them reliably and can build a second, AVX2+FMA copy of each, used
// on CPUs that have it (AGNET_KERNELS=baseline forces the baseline copy). Swift's SIMD types
// scalarised these loops (the gate loop ran at ~20 cycles per element) and cannot be compiled
// twice for two CPU levels.
//
// Every pointer argument of a kernel points to its own buffer: none overlap.
#ifndef AGNET_CKERNELS_H
#define AGNET_CKERNELS_H

#include <stdint.h>
#include <string.h>

/// exp(x) without libm: 2^k · e^r, k = round(x / ln 2), r = x − k·ln 2 (ln 2 split in two so r
/// is exact to a few ulps), e^r by its degree-6 Taylor polynomial on |r| ≤ ln2/2 (truncation
/// below 1.3e-7 relative), 2^k built in the exponent bits. x is clamped to [−87, 88] so the
/// result stays a normal float. Rounding adds and subtracts 1.5·2^23.
static inline float agnet_exp(float x) {
  x = x < -87.0f ? -87.0f : x;
  x = x > 88.0f ? 88.0f : x;
  const float magic = 12582912.0f;
  float shifted = x * 1.44269504f + magic;
  float k = shifted - magic;
  float r = (x - k * 0.69314575f) - k * 1.4286068e-6f;
  float p = 1.0f / 720;
  p = p * r + 1.0f / 120;
  p = p * r + 1.0f / 24;
  p = p * r + 1.0f / 6;
  p = p * r + 0.5f;
  p = p * r + 1;
  p = p * r + 1;
  uint32_t bits;
  memcpy(&bits, &shifted, sizeof bits);
  bits = (bits - 0x4B400000u + 127u) << 23;
  float scale;
  memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

/// √x without errno: libm's sqrtf may set errno, so unless the whole build says -fno-math-errno
/// clang keeps it a call and the Adam loop does not vectorise (measured 4× slower). The
/// elementwise builtin is the bare instruction whatever the flags.
static inline float agnet_sqrt(float x) {
#if __has_builtin(__builtin_elementwise_sqrt)
  return __builtin_elementwise_sqrt(x);
#else
  return __builtin_sqrtf(x);
#endif
}

static inline float agnet_sigmoid(float x) { return 1 / (1 + agnet_exp(-x)); }

/// tanh(x) = 1 − 2/(e^{2x} + 1): accurate in absolute terms and saturating cleanly to ±1.
static inline float agnet_tanh(float x) { return 1 - 2 / (agnet_exp(2 * x) + 1); }

/// y[i] = σ(x[i]) and y[i] = tanh(x[i]).
void agnet_sigmoid_map(const float *x, float *y, long count);
void agnet_tanh_map(const float *x, float *y, long count);

/// PyTorch's GRUCell gates for `rows` rows of width `hidden` (H), stacked r, z, n:
/// on entry gi = x·W_ihᵀ and gh = h·W_hhᵀ (rows × 3H, without biases); on return gi holds the
/// activations r, z, n, hidden_n = W_hn h + b_hn (rows × H) and h_new = (1 − z) ⊙ n + z ⊙ h_old.
void agnet_gru_forward(long rows, long hidden, const float *bias_ih, const float *bias_hh, float *gi,
                       const float *gh, const float *h_old, float *h_new, float *hidden_n);

/// Gradients of the gate pre-activations from dy = ∂L/∂h_new: dgi for x·W_ihᵀ + b_ih and dgh
/// for h·W_hhᵀ + b_hh (rows × 3H, overwritten); dh (rows × H, may be NULL) gets += dy ⊙ z.
void agnet_gru_backward(long rows, long hidden, const float *activations, const float *hidden_n,
                        const float *h_old, const float *dy, float *dgi, float *dgh, float *dh);

/// One Adam step (PyTorch semantics, L2 weight decay) in the bias-corrected form
/// p −= step_size · m / (√v + eps); the caller folds the corrections into step_size and eps.
void agnet_adam(float *p, const float *g, float *m, float *v, long count, float beta1, float beta2,
                float eps, float weight_decay, float step_size);

/// "avx2+fma" or "baseline": the copy of the kernels this process uses.
const char *agnet_kernels_variant(void);

// Each kernel's two copies by name, for tests that compare them (x86-64 only).
#if defined(__x86_64__)
#define AGNET_KERNEL_VARIANTS(suffix) \
  void agnet_sigmoid_map_##suffix(const float *x, float *y, long count); \
  void agnet_tanh_map_##suffix(const float *x, float *y, long count); \
  void agnet_gru_forward_##suffix(long rows, long hidden, const float *bias_ih, const float *bias_hh, float *gi, \
                                  const float *gh, const float *h_old, float *h_new, float *hidden_n); \
  void agnet_gru_backward_##suffix(long rows, long hidden, const float *activations, const float *hidden_n, \
                                   const float *h_old, const float *dy, float *dgi, float *dgh, float *dh); \
  void agnet_adam_##suffix(float *p, const float *g, float *m, float *v, long count, float beta1, float beta2, \
                           float eps, float weight_decay, float step_size);
AGNET_KERNEL_VARIANTS(baseline)
AGNET_KERNEL_VARIANTS(avx2)
#endif

#endif

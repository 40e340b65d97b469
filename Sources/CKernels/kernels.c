#include "CKernels.h"

#include <stdlib.h>
#include <string.h>

// Every kernel is compiled from kernel-bodies.inc twice on x86-64: for the baseline (SSE2) and
// for AVX2+FMA (x86-64-v3). The public names dispatch to one of them, chosen once per process:
// AVX2+FMA when the CPU has it, unless AGNET_KERNELS=baseline asks for the baseline (the same
// floating-point results on every x86-64 machine). Other architectures have the baseline only.

#define KERNEL(name) name##_baseline
#include "kernel-bodies.inc"
#undef KERNEL

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#define KERNEL(name) name##_avx2
#include "kernel-bodies.inc"
#undef KERNEL
#pragma clang attribute pop

static int use_avx2(void) {
  // Racing first calls compute the same answer, so no lock is needed.
  static int choice = -1;
  if (choice < 0) {
    const char *forced = getenv("AGNET_KERNELS");
    __builtin_cpu_init();
    choice = !(forced && strcmp(forced, "baseline") == 0) && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  }
  return choice;
}
#define DISPATCH(name, ...) (use_avx2() ? name##_avx2 : name##_baseline)(__VA_ARGS__)
#else
#define DISPATCH(name, ...) name##_baseline(__VA_ARGS__)
#endif

const char *agnet_kernels_variant(void) {
#if defined(__x86_64__)
  return use_avx2() ? "avx2+fma" : "baseline";
#else
  return "baseline";
#endif
}

void agnet_sigmoid_map(const float *x, float *y, long count) { DISPATCH(agnet_sigmoid_map, x, y, count); }

void agnet_tanh_map(const float *x, float *y, long count) { DISPATCH(agnet_tanh_map, x, y, count); }

void agnet_gru_forward(long rows, long hidden, const float *bias_ih, const float *bias_hh, float *gi,
                       const float *gh, const float *h_old, float *h_new, float *hidden_n) {
  DISPATCH(agnet_gru_forward, rows, hidden, bias_ih, bias_hh, gi, gh, h_old, h_new, hidden_n);
}

void agnet_gru_backward(long rows, long hidden, const float *activations, const float *hidden_n,
                        const float *h_old, const float *dy, float *dgi, float *dgh, float *dh) {
  DISPATCH(agnet_gru_backward, rows, hidden, activations, hidden_n, h_old, dy, dgi, dgh, dh);
}

void agnet_adam(float *p, const float *g, float *m, float *v, long count, float beta1, float beta2,
                float eps, float weight_decay, float step_size) {
  DISPATCH(agnet_adam, p, g, m, v, count, beta1, beta2, eps, weight_decay, step_size);
}

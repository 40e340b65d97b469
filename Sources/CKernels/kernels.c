#include "CKernels.h"

// On x86-64 Linux each kernel is built twice, for the baseline and for AVX2+FMA (x86-64-v3),
// and the dynamic loader picks one per process, so results are reproducible on one machine.
#if defined(__x86_64__) && defined(__linux__)
#define MULTIVERSIONED __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define MULTIVERSIONED
#endif

MULTIVERSIONED
void agnet_sigmoid_map(const float *restrict x, float *restrict y, long count) {
  for (long i = 0; i < count; i++) y[i] = agnet_sigmoid(x[i]);
}

MULTIVERSIONED
void agnet_tanh_map(const float *restrict x, float *restrict y, long count) {
  for (long i = 0; i < count; i++) y[i] = agnet_tanh(x[i]);
}

MULTIVERSIONED
void agnet_gru_forward(long rows, long hidden, const float *restrict bias_ih, const float *restrict bias_hh,
                       float *restrict gi, const float *restrict gh, const float *restrict h_old,
                       float *restrict h_new, float *restrict hidden_n) {
  const long gates = 3 * hidden;
  const float *b_ir = bias_ih, *b_iz = bias_ih + hidden, *b_in = bias_ih + 2 * hidden;
  const float *b_hr = bias_hh, *b_hz = bias_hh + hidden, *b_hn = bias_hh + 2 * hidden;
  for (long row = 0; row < rows; row++) {
    float *ir = gi + row * gates, *iz = ir + hidden, *in = iz + hidden;
    const float *hr = gh + row * gates, *hz = hr + hidden, *hn = hz + hidden;
    const float *old = h_old + row * hidden;
    float *out = h_new + row * hidden, *saved = hidden_n + row * hidden;
    // The gates of a row sit side by side in one buffer; no iteration reads what another writes.
#pragma clang loop vectorize(assume_safety)
    for (long j = 0; j < hidden; j++) {
      float r = agnet_sigmoid(ir[j] + b_ir[j] + hr[j] + b_hr[j]);
      float z = agnet_sigmoid(iz[j] + b_iz[j] + hz[j] + b_hz[j]);
      float n_hidden = hn[j] + b_hn[j];
      float n = agnet_tanh(in[j] + b_in[j] + r * n_hidden);
      ir[j] = r;
      iz[j] = z;
      in[j] = n;
      saved[j] = n_hidden;
      out[j] = n + z * (old[j] - n);
    }
  }
}

MULTIVERSIONED
void agnet_gru_backward(long rows, long hidden, const float *restrict activations, const float *restrict hidden_n,
                        const float *restrict h_old, const float *restrict dy, float *restrict dgi,
                        float *restrict dgh, float *restrict dh) {
  const long gates = 3 * hidden;
  for (long row = 0; row < rows; row++) {
    const float *r = activations + row * gates, *z = r + hidden, *n = z + hidden;
    const float *hn = hidden_n + row * hidden, *old = h_old + row * hidden, *d = dy + row * hidden;
    float *di = dgi + row * gates, *dg = dgh + row * gates;
#pragma clang loop vectorize(assume_safety)
    for (long j = 0; j < hidden; j++) {
      float dn = d[j] * (1 - z[j]) * (1 - n[j] * n[j]);
      float dr = dn * hn[j] * r[j] * (1 - r[j]);
      float dz = d[j] * (old[j] - n[j]) * z[j] * (1 - z[j]);
      di[j] = dr;
      di[hidden + j] = dz;
      di[2 * hidden + j] = dn;
      dg[j] = dr;
      dg[hidden + j] = dz;
      dg[2 * hidden + j] = dn * r[j];
    }
    if (dh) {
      float *dhRow = dh + row * hidden;
      for (long j = 0; j < hidden; j++) dhRow[j] += d[j] * z[j];
    }
  }
}

MULTIVERSIONED
void agnet_adam(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long count,
                float beta1, float beta2, float eps, float weight_decay, float step_size) {
  for (long i = 0; i < count; i++) {
    float grad = g[i] + weight_decay * p[i];
    float mi = beta1 * m[i] + (1 - beta1) * grad;
    float vi = beta2 * v[i] + (1 - beta2) * grad * grad;
    m[i] = mi;
    v[i] = vi;
    p[i] -= step_size * mi / (__builtin_sqrtf(vi) + eps);
  }
}

// Debian's libopenblas-dev provides cblas.h (with openblas_set_num_threads) on the default include path.
#include <cblas.h>

// Stops OpenBLAS's worker threads (exported by every OpenBLAS build, not declared in cblas.h).
int blas_thread_shutdown_(void);

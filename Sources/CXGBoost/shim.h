// Debian's libxgboost-dev provides xgboost/c_api.h on the default include path.
#include <xgboost/c_api.h>

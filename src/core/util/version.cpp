#include "core/util/version.h"

namespace ktw {

const char* workbench_version() {
    return KTW_VERSION; // defined by src/core/CMakeLists.txt from PROJECT_VERSION
}

} // namespace ktw

#pragma once
// The workbench's version: CMake's PROJECT_VERSION, the one place it is written. Every run
// record, `ktw-cli --version`, `ktw --version` and the About box read it from here.

namespace ktw {

/// "0.1.0"
const char* workbench_version();

} // namespace ktw

# The static librdkafka that scripts/librdkafka.sh builds (version: cmake/librdkafka.pin) into
# the per-machine cache, as the imported target ktw::rdkafka. Never Debian 12's librdkafka-dev:
# without the cached build, configuring fails and says how to make it.
#
# KTW_LIBRDKAFKA_PREFIX: the build's install prefix; empty (the default) means the cache,
#   ${XDG_CACHE_HOME:-$HOME/.cache}/kafka-tuning-workbench/librdkafka-<pinned version>
#   (or the version the script built instead, named by librdkafka-<pinned>.fallback there).

set(KTW_LIBRDKAFKA_PREFIX "" CACHE PATH
    "Prefix of the static librdkafka built by scripts/librdkafka.sh (empty: its per-machine cache)")

file(STRINGS "${PROJECT_SOURCE_DIR}/cmake/librdkafka.pin" _ktw_pin
     REGEX "^KTW_LIBRDKAFKA_DEBIAN_VERSION=")
string(REGEX REPLACE "^KTW_LIBRDKAFKA_DEBIAN_VERSION=" "" KTW_LIBRDKAFKA_PINNED "${_ktw_pin}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cmake/librdkafka.pin")

set(_ktw_hint "run scripts/install-deps.sh (or scripts/librdkafka.sh) to build it")

if(KTW_LIBRDKAFKA_PREFIX)
  set(_ktw_prefix "${KTW_LIBRDKAFKA_PREFIX}")
else()
  if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(_ktw_cache "$ENV{XDG_CACHE_HOME}/kafka-tuning-workbench")
  elseif(DEFINED ENV{HOME})
    set(_ktw_cache "$ENV{HOME}/.cache/kafka-tuning-workbench")
  else()
    message(FATAL_ERROR "librdkafka: neither XDG_CACHE_HOME nor HOME is set: set KTW_LIBRDKAFKA_PREFIX")
  endif()
  set(_ktw_prefix "${_ktw_cache}/librdkafka-${KTW_LIBRDKAFKA_PINNED}")
  set(_ktw_fallback "${_ktw_cache}/librdkafka-${KTW_LIBRDKAFKA_PINNED}.fallback")
  if(NOT EXISTS "${_ktw_prefix}/.ktw-complete" AND EXISTS "${_ktw_fallback}")
    file(STRINGS "${_ktw_fallback}" _ktw_fb LIMIT_COUNT 1)
    message(STATUS "librdkafka: pinned ${KTW_LIBRDKAFKA_PINNED} was not served; using ${_ktw_fb}")
    set(_ktw_prefix "${_ktw_cache}/librdkafka-${_ktw_fb}")
  endif()
endif()

# .ktw-complete is written last: a prefix without it is a build that did not finish.
if(NOT EXISTS "${_ktw_prefix}/.ktw-complete")
  message(FATAL_ERROR
    "librdkafka: no complete static librdkafka build in ${_ktw_prefix}: ${_ktw_hint}. "
    "(The workbench links librdkafka ${KTW_LIBRDKAFKA_PINNED} statically; Debian 12's "
    "librdkafka-dev 2.0.2 is not used.)")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_ktw_prefix}/.ktw-complete")

# pkg-config of the build's rdkafka-static.pc (the full path of librdkafka.a, then Debian 12's
# shared libraries it needs: ssl, crypto, sasl2, curl, zstd, lz4, z). Asked on every configure.
set(_ktw_saved_pkg_path "$ENV{PKG_CONFIG_PATH}")
set(ENV{PKG_CONFIG_PATH} "${_ktw_prefix}/lib/pkgconfig")
unset(__pkg_config_checked_KTW_RDKAFKA CACHE)
pkg_check_modules(KTW_RDKAFKA QUIET rdkafka-static)
set(ENV{PKG_CONFIG_PATH} "${_ktw_saved_pkg_path}")
if(NOT KTW_RDKAFKA_FOUND)
  message(FATAL_ERROR "librdkafka: pkg-config found no usable rdkafka-static in "
                      "${_ktw_prefix}/lib/pkgconfig (missing Debian -dev packages?): ${_ktw_hint}")
endif()
if(NOT KTW_RDKAFKA_PREFIX STREQUAL _ktw_prefix OR NOT EXISTS "${_ktw_prefix}/lib/librdkafka.a")
  message(FATAL_ERROR "librdkafka: rdkafka-static.pc names prefix '${KTW_RDKAFKA_PREFIX}', "
                      "expected ${_ktw_prefix}: ${_ktw_hint}")
endif()

add_library(ktw_rdkafka INTERFACE IMPORTED GLOBAL)
add_library(ktw::rdkafka ALIAS ktw_rdkafka)
set_target_properties(ktw_rdkafka PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${KTW_RDKAFKA_INCLUDE_DIRS}"
    INTERFACE_COMPILE_OPTIONS "${KTW_RDKAFKA_CFLAGS_OTHER}"
    # In link order: -L, librdkafka.a by its path, its dependencies as -l.
    INTERFACE_LINK_LIBRARIES "${KTW_RDKAFKA_LDFLAGS}")
set(KTW_LIBRDKAFKA_VERSION "${KTW_RDKAFKA_VERSION}")
message(STATUS "librdkafka: ${KTW_RDKAFKA_VERSION}, static, from ${_ktw_prefix}")

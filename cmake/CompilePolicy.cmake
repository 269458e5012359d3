# One INTERFACE target carries the compile policy; every target of the project links it.
add_library(mc_policy INTERFACE)
target_compile_features(mc_policy INTERFACE cxx_std_20)
target_compile_definitions(mc_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT)
target_compile_options(mc_policy INTERFACE -Wall -Wextra -Wpedantic)
if(MC_WERROR)
    target_compile_options(mc_policy INTERFACE -Werror)
endif()
# make test-sanitize: AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer on
# every target of ours, executables and tests included (they all link mc_policy). UB aborts at
# the first report so ctest sees a failure instead of a line lost in a passing test's output.
option(MC_SANITIZE "Build with -fsanitize=address,undefined (make test-sanitize)" OFF)
if(MC_SANITIZE)
    set(mc_sanitize_flags -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_compile_options(mc_policy INTERFACE ${mc_sanitize_flags})
    target_link_options(mc_policy INTERFACE ${mc_sanitize_flags})
endif()
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

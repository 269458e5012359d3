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
set(CMAKE_CXX_EXTENSIONS OFF)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()

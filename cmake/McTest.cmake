# Sanitized code runs several times slower: every ctest timeout is multiplied by this instead of
# each test raising its own.
if(MC_SANITIZE)
    set(MC_TEST_TIMEOUT_SCALE 3 CACHE STRING "Multiplier applied to every test's ctest timeout")
else()
    set(MC_TEST_TIMEOUT_SCALE 1 CACHE STRING "Multiplier applied to every test's ctest timeout")
endif()

# mc_add_test(NAME tst_x SOURCES a.cpp LIBS mc_store [LABELS server] [TIMEOUT 120])
# Adds one Qt Test executable and registers it with ctest, run offscreen.
function(mc_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE mc_policy Qt6::Test ${T_LIBS})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    math(EXPR T_TIMEOUT "${T_TIMEOUT} * ${MC_TEST_TIMEOUT_SCALE}")
    set(env "QT_QPA_PLATFORM=offscreen")
    if(TARGET memory-store)
        # Integration tests start this binary on a free loopback port.
        list(APPEND env "MC_STORE_BIN=$<TARGET_FILE:memory-store>")
        add_dependencies(${T_NAME} memory-store)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "${T_LABELS}"
        ENVIRONMENT "${env}")
endfunction()

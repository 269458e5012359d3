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

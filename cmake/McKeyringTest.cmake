# mc_add_keyring_test(NAME tst_x SOURCES a.cpp LIBS mc_net [LABELS net] [TIMEOUT 120]
#                     [NO_KEYRING_FUNCTIONS fn1 fn2 ...])
# Adds a Qt Test executable that runs against a real, throwaway Secret Service: ctest starts it
# as `dbus-run-session -- tests/net/run-with-keyring.sh <binary>` (gnome-keyring-daemon on a
# private bus, unlocked, in a scratch home). With NO_KEYRING_FUNCTIONS it also registers
# <NAME>_nokeyring, which runs only those test functions with no D-Bus session bus at all, as
# on a machine without a keyring.
set(MC_KEYRING_WRAPPER ${PROJECT_SOURCE_DIR}/tests/net/run-with-keyring.sh)
find_program(MC_DBUS_RUN_SESSION dbus-run-session)

function(mc_add_keyring_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;NO_KEYRING_FUNCTIONS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE mc_policy Qt6::Test ${T_LIBS})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()

    if(MC_DBUS_RUN_SESSION)
        add_test(NAME ${T_NAME}
            COMMAND ${MC_DBUS_RUN_SESSION} -- ${MC_KEYRING_WRAPPER} $<TARGET_FILE:${T_NAME}>)
    else()
        # Fail loudly rather than skip: these tests are the proof that keys stay in a keychain.
        add_test(NAME ${T_NAME} COMMAND ${CMAKE_COMMAND} -E echo
            "dbus-run-session is missing: scripts/install-deps.sh installs it")
        set_tests_properties(${T_NAME} PROPERTIES FAIL_REGULAR_EXPRESSION "missing")
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "keyring;${T_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")

    if(T_NO_KEYRING_FUNCTIONS)
        add_test(NAME ${T_NAME}_nokeyring
            COMMAND $<TARGET_FILE:${T_NAME}> ${T_NO_KEYRING_FUNCTIONS})
        # A bus address that leads nowhere: QtKeychain's Secret Service and KWallet backends
        # both fail as they would on a server or a minimal desktop without a keyring.
        set(env
            "QT_QPA_PLATFORM=offscreen"
            "MC_TEST_KEYRING=none"
            "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/mc-no-bus"
            "XDG_CURRENT_DESKTOP="
            "DESKTOP_SESSION="
            "KDE_FULL_SESSION=")
        set_tests_properties(${T_NAME}_nokeyring PROPERTIES
            TIMEOUT ${T_TIMEOUT}
            LABELS "keyring;${T_LABELS}"
            ENVIRONMENT "${env}")
    endif()
endfunction()

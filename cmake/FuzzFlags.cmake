# MC_FUZZ: a clang build for tests/fuzz. Every library the targets link is compiled with
# libFuzzer's coverage hooks (fuzzer-no-link) plus ASan and UBSan; the targets themselves link
# with -fsanitize=fuzzer (mc_add_fuzz_target in tests/fuzz). Undefined behaviour aborts, so
# libFuzzer records it as a crash instead of a line in the log.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "MC_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14")
endif()
set(MC_FUZZ_SANITIZERS address,undefined)
add_compile_options(-fsanitize=fuzzer-no-link,${MC_FUZZ_SANITIZERS}
                    -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_link_options(-fsanitize=${MC_FUZZ_SANITIZERS})

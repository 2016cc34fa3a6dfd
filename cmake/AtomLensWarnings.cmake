# Strict warnings for AtomLens' own targets only (never for third-party headers).
function(atomlens_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(ATOMLENS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Optional sanitizers for debugging: -DATOMLENS_SANITIZE=address,undefined
set(ATOMLENS_SANITIZE "" CACHE STRING "Comma-separated sanitizers for our targets")
function(atomlens_sanitize target)
  if(ATOMLENS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${ATOMLENS_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${ATOMLENS_SANITIZE})
  endif()
endfunction()

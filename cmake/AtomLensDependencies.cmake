# Every dependency comes from Debian bookworm packages (cmake/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs) # never highgui (Qt5)
find_package(TIFF REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)

# LibTorch: Debian's libtorch-dev (CPU) by default. A CUDA LibTorch ("GPU build" in README.md) comes from
# -DTorch_DIR=<libtorch>/share/cmake/Torch, or from a Python torch installation with
# -DATOMLENS_TORCH_FROM_PYTHON=ON (CMake prefix torch.utils.cmake_prefix_path); the `cuda` preset in
# CMakePresets.json sets that and ATOMLENS_REQUIRE_CUDA.
option(ATOMLENS_TORCH_FROM_PYTHON "Use the LibTorch of python3's torch package" OFF)
option(ATOMLENS_REQUIRE_CUDA "Fail unless the LibTorch found has CUDA" OFF)
set(ATOMLENS_TORCH_CUDA OFF)
if(ATOMLENS_WITH_TORCH)
  if(ATOMLENS_TORCH_FROM_PYTHON)
    find_package(Python3 COMPONENTS Interpreter REQUIRED)
    execute_process(COMMAND ${Python3_EXECUTABLE} -c "import torch; print(torch.utils.cmake_prefix_path)"
                    OUTPUT_VARIABLE _torch_prefix ERROR_VARIABLE _torch_error RESULT_VARIABLE _torch_result
                    OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT _torch_result EQUAL 0)
      message(FATAL_ERROR "ATOMLENS_TORCH_FROM_PYTHON: ${Python3_EXECUTABLE} cannot import torch "
                          "(pip install torch, or pass -DTorch_DIR=<libtorch>/share/cmake/Torch):\n${_torch_error}")
    endif()
    list(PREPEND CMAKE_PREFIX_PATH ${_torch_prefix})
    message(STATUS "LibTorch from python3's torch: ${_torch_prefix}")
  endif()
  find_package(Torch REQUIRED)
  if(TARGET torch_cuda OR TORCH_CUDA_LIBRARIES)
    set(ATOMLENS_TORCH_CUDA ON)
  endif()
  message(STATUS "LibTorch ${Torch_VERSION} (${Torch_DIR}): CUDA ${ATOMLENS_TORCH_CUDA}")
  if(ATOMLENS_REQUIRE_CUDA AND NOT ATOMLENS_TORCH_CUDA)
    message(FATAL_ERROR "ATOMLENS_REQUIRE_CUDA: the LibTorch found (${Torch_DIR}) is CPU-only; point Torch_DIR "
                        "at a CUDA LibTorch or use -DATOMLENS_TORCH_FROM_PYTHON=ON with a CUDA torch")
  endif()
elseif(ATOMLENS_REQUIRE_CUDA)
  message(FATAL_ERROR "ATOMLENS_REQUIRE_CUDA needs ATOMLENS_WITH_TORCH=ON")
endif()

if(ATOMLENS_BUILD_GUI)
  find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets Concurrent Svg PrintSupport OpenGL OpenGLWidgets
               LinguistTools)
  find_package(Qt6 COMPONENTS Test)
  if(ATOMLENS_WITH_VTK)
    # Debian's VTK Qt module is Qt5: we host VTK in our own QOpenGLWidget adapter instead.
    find_package(VTK COMPONENTS CommonCore CommonDataModel FiltersSources FiltersGeometry RenderingCore
                 RenderingOpenGL2 InteractionStyle RenderingFreeType)
    if(NOT VTK_FOUND)
      message(WARNING "VTK not found: building without the 3-D view")
      set(ATOMLENS_WITH_VTK OFF CACHE BOOL "" FORCE)
    endif()
  endif()
else()
  set(ATOMLENS_WITH_VTK OFF CACHE BOOL "" FORCE)
endif()

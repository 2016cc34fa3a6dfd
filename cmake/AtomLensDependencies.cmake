# Every dependency comes from Debian bookworm packages (cmake/install-deps.sh installs them).
find_package(Threads REQUIRED)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs) # never highgui (Qt5)
find_package(TIFF REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(HDF5 REQUIRED COMPONENTS C)

if(ATOMLENS_WITH_TORCH)
  # Debian's libtorch-dev (CPU) by default; a CUDA LibTorch via -DTorch_DIR=...
  find_package(Torch REQUIRED)
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

# Installation, exported CMake packages and the Debian package.
#   cmake --install build --prefix P   puts under P:
#     bin/atomlens, bin/atomlens-cli
#     share/atomlens/{models,chains,samples,translations}   (found at run time relative to the executable)
#     share/applications/atomlens.desktop, share/icons/hicolor/scalable/apps/atomlens.svg,
#     share/mime/packages/atomlens.xml                        (desktop entry, icon, MIME types)
#     include/atomlens/core/...,  lib/libatomlens_<layer>.a (data, base, io, job, detect, graph, simulate,
#     chain, describe, analysis, nn, training), lib/cmake/AtomLens/AtomLensConfig.cmake
#     (find_package(AtomLens): atomlens::core, the umbrella over data..analysis, and each layer atomlens::<layer>)
# The build tree mirrors share/atomlens in <build>/share/atomlens (links to the sources), so the same
# executable-relative lookup (core/data/DataPaths.h) works there without any source path compiled in.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ATOMLENS_DATA_SUBDIR ${CMAKE_INSTALL_DATADIR}/atomlens)

# --- the build tree's share/atomlens ---------------------------------------------------------------
set(_share ${PROJECT_BINARY_DIR}/share/atomlens)
file(MAKE_DIRECTORY ${_share})
foreach(pair "models;models" "chains;resources/chains" "samples;resources/samples")
  list(GET pair 0 _name)
  list(GET pair 1 _src)
  if(NOT EXISTS ${_share}/${_name})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${_src} ${_share}/${_name} SYMBOLIC)
  endif()
endforeach()
if(NOT EXISTS ${_share}/translations)
  file(CREATE_LINK ${PROJECT_BINARY_DIR}/translations ${_share}/translations SYMBOLIC)
endif()

# --- programs and data -----------------------------------------------------------------------------
install(TARGETS atomlens-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
if(TARGET atomlens)
  install(TARGETS atomlens RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
endif()
install(DIRECTORY models/ DESTINATION ${ATOMLENS_DATA_SUBDIR}/models COMPONENT runtime
        FILES_MATCHING PATTERN "*.yaml" PATTERN "*.pt")
install(DIRECTORY resources/chains/ DESTINATION ${ATOMLENS_DATA_SUBDIR}/chains COMPONENT runtime
        FILES_MATCHING PATTERN "*.yaml")
install(DIRECTORY resources/samples/ DESTINATION ${ATOMLENS_DATA_SUBDIR}/samples COMPONENT runtime)
if(ATOMLENS_BUILD_GUI)
  # The .qm files are also embedded in the GUI (:/i18n); installed copies serve other front ends.
  install(FILES ${PROJECT_BINARY_DIR}/translations/atomlens_de.qm ${PROJECT_BINARY_DIR}/translations/atomlens_zh_CN.qm
          DESTINATION ${ATOMLENS_DATA_SUBDIR}/translations COMPONENT runtime)
  install(FILES resources/desktop/atomlens.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
          COMPONENT runtime)
  install(FILES resources/desktop/atomlens.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
          COMPONENT runtime)
  install(FILES resources/desktop/atomlens-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
          RENAME atomlens.xml COMPONENT runtime)
endif()

# --- the engine as a CMake package -----------------------------------------------------------------
# Every layer of core (core/CMakeLists.txt) and the umbrella atomlens::core.
target_include_directories(atomlens_data PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/atomlens>)
get_property(_exported GLOBAL PROPERTY ATOMLENS_LAYER_TARGETS)
list(APPEND _exported atomlens_core)
install(TARGETS ${_exported} EXPORT AtomLensTargets COMPONENT dev
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/atomlens)
install(DIRECTORY core/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/atomlens/core COMPONENT dev
        FILES_MATCHING PATTERN "*.h")
install(EXPORT AtomLensTargets NAMESPACE atomlens:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/AtomLens
        COMPONENT dev)
set(ATOMLENS_CONFIG_WITH_TORCH ${ATOMLENS_WITH_TORCH})
configure_package_config_file(cmake/AtomLensConfig.cmake.in ${PROJECT_BINARY_DIR}/AtomLensConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/AtomLens)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/AtomLensConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/AtomLensConfig.cmake ${PROJECT_BINARY_DIR}/AtomLensConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/AtomLens COMPONENT dev)

# --- Debian package (cpack -G DEB in the build folder) ---------------------------------------------
set(CPACK_PACKAGE_NAME atomlens)
set(CPACK_PACKAGE_VENDOR "AtomLens developers")
set(CPACK_PACKAGE_CONTACT "AtomLens developers <atomlens@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Atoms, lattice graphs and labelled structures from (S)TEM micrographs")
set(CPACK_PACKAGE_DESCRIPTION
    "AtomLens turns atomic-resolution (S)TEM micrographs into atoms, lattice graphs and labelled\n structures: a Qt6 desktop application and a headless command line (atomlens-cli).")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/atomlens")
# dpkg-shlibdeps reads the binaries' shared-library needs (Qt6, OpenCV, torch, yaml-cpp, HDF5, VTK, ...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The programs are installed without their symbol tables (about 10% smaller; Release has no debug info).
set(CPACK_STRIP_FILES ON)
# Not linked, but loaded at run time: the Qt platform plugins (xcb, wayland, offscreen).
if(ATOMLENS_BUILD_GUI)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins")
endif()
# qt6-translations-l10n: Qt's own dialog buttons in German and Chinese.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "shared-mime-info, desktop-file-utils, hicolor-icon-theme, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "slurm-client")
# Only the runtime (programs, models, chains, translations, desktop integration) goes into the .deb;
# headers, static libraries and the CMake package stay with `cmake --install`.
set(CPACK_DEB_COMPONENT_INSTALL OFF)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};runtime;/")
include(CPack)

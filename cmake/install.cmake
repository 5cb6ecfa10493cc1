# `cmake --install BUILD [--prefix DIR]`: the hfc command, libhfc.so with the
# public headers, a CMake package (find_package(hfc) -> hfc::hfc) and a
# pkg-config file (pkg-config --cflags --libs hfc).
include(CMakePackageConfigHelpers)

install(TARGETS hfc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS hfc_api EXPORT hfcTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES include/hf/hfc.h include/hf/model.h include/hf/builder.h include/hf/error.h include/hf/workspace.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/hf)

set(HFC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/hfc)
install(EXPORT hfcTargets NAMESPACE hfc:: DESTINATION ${HFC_CMAKE_DIR})
configure_package_config_file(cmake/hfcConfig.cmake.in ${PROJECT_BINARY_DIR}/hfcConfig.cmake
  INSTALL_DESTINATION ${HFC_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hfcConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/hfcConfig.cmake ${PROJECT_BINARY_DIR}/hfcConfigVersion.cmake
        DESTINATION ${HFC_CMAKE_DIR})

# The prefix is known only at install time (cmake --install --prefix), so the
# .pc file is configured then.
install(CODE "
  set(CMAKE_INSTALL_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  set(CMAKE_INSTALL_LIBDIR \"${CMAKE_INSTALL_LIBDIR}\")
  set(CMAKE_INSTALL_INCLUDEDIR \"${CMAKE_INSTALL_INCLUDEDIR}\")
  set(PROJECT_VERSION \"${PROJECT_VERSION}\")
  configure_file(\"${PROJECT_SOURCE_DIR}/cmake/hfc.pc.in\" \"${PROJECT_BINARY_DIR}/hfc.pc\" @ONLY)
  file(INSTALL \"${PROJECT_BINARY_DIR}/hfc.pc\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")
")

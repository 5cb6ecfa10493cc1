//===- hf/hfc.h - The embedded C++ API of hfc, in one include --------------===//
//
// #include <hf/hfc.h>, link hfc::hfc (CMake: find_package(hfc)) or
// `pkg-config --cflags --libs hfc`. See docs/api.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "hf/builder.h"
#include "hf/error.h"
#include "hf/model.h"
#include "hf/workspace.h"

//===- tests/unit/object_cache_test.cpp - The disk cache of machine code --===//
#include "codegen/codegen.h"
#include "codegen/object_cache.h"

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Target/TargetMachine.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace hf::codegen {
namespace {

/// A scratch directory of its own, removed at the end.
class ObjectCacheTest : public testing::Test {
protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "hfc_object_cache_" + std::to_string(::getpid()) + "_" +
           testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

/// A small but real object file: an empty module compiled for the host.
std::unique_ptr<llvm::MemoryBuffer> someObject(llvm::TargetMachine &tm) {
  llvm::LLVMContext context;
  llvm::Module module("empty", context);
  optimizeLLVM(module, tm, 0);
  return emitObject(module, tm);
}

TEST_F(ObjectCacheTest, KeyDependsOnEverythingThatShapesTheCode) {
  auto tm = hostTargetMachine();
  std::string k = ObjectCache::key("define double @f()", 1, *tm);
  EXPECT_EQ(k.size(), 64u); // SHA-256 in hex
  EXPECT_EQ(k, ObjectCache::key("define double @f()", 1, *tm));
  EXPECT_NE(k, ObjectCache::key("define double @g()", 1, *tm));
  EXPECT_NE(k, ObjectCache::key("define double @f()", 2, *tm));
}

TEST_F(ObjectCacheTest, StoresAndLoadsObjects) {
  auto tm = hostTargetMachine();
  ObjectCache cache(dir_);
  std::string key = ObjectCache::key("some ir", 1, *tm);
  EXPECT_EQ(cache.load(key), nullptr); // empty cache: a miss
  std::unique_ptr<llvm::MemoryBuffer> object = someObject(*tm);
  ASSERT_TRUE(cache.store(key, *object)); // creates the directory
  std::unique_ptr<llvm::MemoryBuffer> loaded = cache.load(key);
  ASSERT_NE(loaded, nullptr);
  EXPECT_EQ(loaded->getBuffer(), object->getBuffer());
  // No temporary file is left behind.
  size_t files = 0;
  for (const auto &entry : std::filesystem::directory_iterator(dir_))
    files += entry.is_regular_file();
  EXPECT_EQ(files, 1u);
}

TEST_F(ObjectCacheTest, AFileThatIsNotAnObjectIsAMiss) {
  auto tm = hostTargetMachine();
  ObjectCache cache(dir_);
  std::string key = ObjectCache::key("some ir", 1, *tm);
  ASSERT_TRUE(cache.store(key, *someObject(*tm)));
  std::ofstream(dir_ + "/" + key + ".o", std::ios::trunc) << "not an object";
  EXPECT_EQ(cache.load(key), nullptr);
}

/// Over its cap the cache drops the least recently used objects: stored
/// long ago and not loaded since. A load refreshes an object.
TEST_F(ObjectCacheTest, EvictsLeastRecentlyUsedBeyondTheCap) {
  namespace fs = std::filesystem;
  auto tm = hostTargetMachine();
  std::unique_ptr<llvm::MemoryBuffer> object = someObject(*tm);
  const uint64_t size = object->getBufferSize();
  ::setenv("HFC_CACHE_MAX", std::to_string(3 * size).c_str(), 1); // room for three objects
  ObjectCache cache(dir_);
  std::vector<std::string> keys;
  for (int i = 0; i < 4; ++i)
    keys.push_back(ObjectCache::key("ir " + std::to_string(i), 1, *tm));
  auto file = [&](int i) { return dir_ + "/" + keys[i] + ".o"; };
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(cache.store(keys[i], *object));
    // Ages 3, 2, 1 hours: object 0 is the oldest.
    fs::last_write_time(file(i), fs::file_time_type::clock::now() - std::chrono::hours(3 - i));
  }
  ASSERT_NE(cache.load(keys[0]), nullptr); // now 0 is the most recent; 1 the oldest
  ASSERT_TRUE(cache.store(keys[3], *object));
  EXPECT_TRUE(fs::exists(file(0)));
  EXPECT_FALSE(fs::exists(file(1)));
  EXPECT_TRUE(fs::exists(file(2)));
  EXPECT_TRUE(fs::exists(file(3)));
  // A cap smaller than one object keeps only the one just stored.
  ::setenv("HFC_CACHE_MAX", "1", 1);
  ASSERT_TRUE(cache.store(keys[1], *object));
  size_t left = 0;
  for (const auto &entry : fs::directory_iterator(dir_))
    left += entry.path().extension() == ".o";
  EXPECT_EQ(left, 1u);
  EXPECT_TRUE(fs::exists(file(1)));
  // HFC_CACHE_MAX=0: no cap.
  ::setenv("HFC_CACHE_MAX", "0", 1);
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE(cache.store(keys[i], *object));
  left = 0;
  for (const auto &entry : fs::directory_iterator(dir_))
    left += entry.path().extension() == ".o";
  EXPECT_EQ(left, 4u);
  // Suffixes: 1K is 1024 bytes, room for 1024 / size whole objects.
  ASSERT_LE(size, 1024u);
  ::setenv("HFC_CACHE_MAX", "1K", 1);
  ASSERT_TRUE(cache.store(keys[0], *object));
  left = 0;
  for (const auto &entry : fs::directory_iterator(dir_))
    left += entry.path().extension() == ".o";
  EXPECT_EQ(left, 1024 / size);
  ::unsetenv("HFC_CACHE_MAX");
}

TEST_F(ObjectCacheTest, NoDirectoryMeansNoCache) {
  auto tm = hostTargetMachine();
  std::unique_ptr<llvm::MemoryBuffer> object = someObject(*tm);
  EXPECT_FALSE(ObjectCache("").store("k", *object));
  EXPECT_EQ(ObjectCache("").load("k"), nullptr);
  // A directory that cannot be made (under a regular file) is no error either.
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ + "/file") << "x";
  EXPECT_FALSE(ObjectCache(dir_ + "/file/sub").store("k", *object));
}

} // namespace
} // namespace hf::codegen

//===- runtime/parallel.cpp - The same worker on several threads ----------===//
#include "runtime/parallel.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace hf {

void runWorkers(unsigned count, const std::function<void()> &worker) {
  if (count == 0)
    count = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < count; ++t)
    pool.emplace_back(worker);
  worker();
  for (std::thread &t : pool)
    t.join();
}

} // namespace hf

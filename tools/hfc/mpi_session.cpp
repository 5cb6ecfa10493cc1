//===- tools/hfc/mpi_session.cpp - Scale-out over MPI ranks ---------------===//
#include "tools/hfc/mpi_session.h"

#include "hf/error.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#ifdef HF_HAVE_MPI
#define OMPI_SKIP_MPICXX 1 // the C API only: no C++ bindings to link
#include <mpi.h>
#endif

namespace hf::cli {

namespace {

int rank_ = 0, size_ = 1;
#ifdef HF_HAVE_MPI
bool started_ = false; // MPI_Init ran: MPI_Finalize must
#endif

/// Whether an MPI launcher started this process.
bool launchedByMpi() {
  for (const char *name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
    if (std::getenv(name))
      return true;
  return false;
}

#ifdef HF_HAVE_MPI
void check(int code, const char *what) {
  if (code != MPI_SUCCESS)
    throw ComputeError(fmt::format("error: MPI: {} failed (code {})", what, code));
}
#endif

} // namespace

MpiSession::MpiSession(int &argc, char **&argv) {
  if (!launchedByMpi())
    return;
#ifdef HF_HAVE_MPI
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  started_ = true;
  // Rank 0 prints the results; the others' stdout would repeat them.
  if (rank_ != 0 && !std::freopen("/dev/null", "w", stdout))
    throw ComputeError("error: MPI: cannot silence the standard output of rank " + std::to_string(rank_));
#else
  (void)argc;
  (void)argv;
  fmt::print(stderr, "hfc: warning: launched by an MPI launcher, but this hfc was built without MPI "
                     "(install libopenmpi-dev and rebuild): every process runs the whole job\n");
#endif
}

MpiSession::~MpiSession() {
#ifdef HF_HAVE_MPI
  if (started_)
    MPI_Finalize();
#endif
}

int mpiRank() { return rank_; }
int mpiSize() { return size_; }

void mpiAllSum(std::span<double> values) {
  if (size_ == 1)
    return;
#ifdef HF_HAVE_MPI
  check(MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM,
                      MPI_COMM_WORLD),
        "MPI_Allreduce");
#endif
}

std::vector<std::pair<size_t, std::string>> mpiGatherToRoot(const std::vector<std::pair<size_t, std::string>> &mine) {
  std::vector<std::pair<size_t, std::string>> all;
  if (size_ == 1) {
    all = mine;
  } else {
#ifdef HF_HAVE_MPI
    // One buffer per rank: (index, length, bytes)… as 8-byte words and text.
    std::string packed;
    for (const auto &[index, text] : mine) {
      uint64_t header[2] = {index, text.size()};
      packed.append(reinterpret_cast<const char *>(header), sizeof header);
      packed += text;
    }
    int length = static_cast<int>(packed.size());
    std::vector<int> lengths(rank_ == 0 ? size_ : 0), offsets;
    check(MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
    std::string received;
    if (rank_ == 0) {
      int total = 0;
      for (int l : lengths) {
        offsets.push_back(total);
        total += l;
      }
      received.resize(static_cast<size_t>(total));
    }
    check(MPI_Gatherv(packed.data(), length, MPI_CHAR, received.data(), lengths.data(), offsets.data(), MPI_CHAR, 0,
                      MPI_COMM_WORLD),
          "MPI_Gatherv");
    for (size_t at = 0; at < received.size();) {
      uint64_t header[2];
      std::copy_n(received.data() + at, sizeof header, reinterpret_cast<char *>(header));
      at += sizeof header;
      all.emplace_back(header[0], received.substr(at, header[1]));
      at += header[1];
    }
#endif
  }
  std::sort(all.begin(), all.end());
  return all;
}

} // namespace hf::cli

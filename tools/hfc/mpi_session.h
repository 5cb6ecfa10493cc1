//===- tools/hfc/mpi_session.h - Scale-out over MPI ranks -----------------===//
//
// `mpirun -n N hfc cls|limit BkgOnly.json --patchset PS --all-points` shards
// the points over the ranks (rank 0 prints every line, in PatchSet order);
// `mpirun -n N hfc cls --calctype toybased` shards the toys (each toy's seed
// is the one-process run's, so the numbers are the same); `hfc ranking`
// shards its parameters. MPI starts only when the process was launched by
// an MPI launcher (mpirun, srun: OMPI_COMM_WORLD_SIZE, PMIX_RANK or PMI_SIZE
// in the environment), so a plain `hfc` never pays for it. Open MPI is an
// optional build feature (HF_HAVE_MPI); a build without it, run under
// mpirun, says so on stderr and every process runs the whole job.
//
// All MPI calls happen on the main thread (MPI_THREAD_FUNNELED).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace hf::cli {

/// MPI for the lifetime of main(): MPI_Init in the constructor when launched
/// by an MPI launcher, MPI_Finalize in the destructor.
class MpiSession {
public:
  MpiSession(int &argc, char **&argv);
  ~MpiSession();
  MpiSession(const MpiSession &) = delete;
  MpiSession &operator=(const MpiSession &) = delete;
};

/// This process's rank and the number of ranks (0 and 1 without MPI).
int mpiRank();
int mpiSize();

/// Elementwise sum over all ranks, in place (MPI_Allreduce).
void mpiAllSum(std::span<double> values);

/// Rank 0 gets every rank's (index, text) pairs, `mine` included, sorted by
/// index; the other ranks get an empty vector.
std::vector<std::pair<size_t, std::string>> mpiGatherToRoot(const std::vector<std::pair<size_t, std::string>> &mine);

} // namespace hf::cli

# lit configuration for hfc's command-line tests: each test is a file with
# RUN: lines (hfc ... | FileCheck %s) and its expectations beside them.
import os
import lit.formats

config.name = "hfc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".test", ".json", ".hf"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hfc_build_dir, "tests", "lit-out")

# Tools: hfc from the build tree, FileCheck and not from LLVM 19.
config.environment["PATH"] = os.pathsep.join(
    [os.path.dirname(config.hfc_path), config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%hfc", config.hfc_path))
config.substitutions.append(("%ref", config.reference_dir))
# ../shared/data: ROOT files, HistFactory XML, cabinetry configs and ntuples.
config.substitutions.append(("%data", os.path.join(os.path.dirname(config.reference_dir), "data")))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
# hfc-opt, the pass driver, is built beside hfc (tools/hfc-opt/hfc-opt).
config.substitutions.insert(0, ("%hfc-opt", os.path.join(os.path.dirname(config.hfc_path), "..", "hfc-opt", "hfc-opt")))
# No disk cache of machine code unless a test asks for one (codegen/object_cache.h):
# every test compiles, whatever earlier runs left behind.
config.environment["HFC_CACHE_DIR"] = ""

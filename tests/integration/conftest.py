"""Integration tests: the sandbox fixtures live in the root conftest so benchmarks can use them too."""

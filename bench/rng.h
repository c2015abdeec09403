// rng.h — the benchmarks' random numbers: splitmix64 and distributions of
// our own, so that the same seed gives the same corpus and the same
// generated rulesets with every standard library (<random>'s distributions
// differ between implementations).
#ifndef VIGIL_BENCH_RNG_H_
#define VIGIL_BENCH_RNG_H_

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vigil::bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // [0, 1)
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t n) { return static_cast<size_t>(Uniform() * static_cast<double>(n)); }
  bool Chance(double p) { return Uniform() < p; }
  // Box–Muller; one value per call keeps the sequence simple.
  double Normal() {
    double u1 = Uniform();
    double u2 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  template <size_t N>
  std::string_view Pick(const std::string_view (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

}  // namespace vigil::bench

#endif  // VIGIL_BENCH_RNG_H_

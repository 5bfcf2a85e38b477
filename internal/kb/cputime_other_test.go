//go:build !linux

package kb

// threadCPU is not measured outside Linux; the benchmarks then report wall time only.
func threadCPU() int64 { return 0 }

//go:build !unix

package service

// processCPU is not measured here; the benchmark then reports zero CPU time.
func processCPU() int64 { return 0 }

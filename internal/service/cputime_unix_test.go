//go:build unix

package service

import "syscall"

// processCPU is the CPU time the test process has used so far, user and system, in
// nanoseconds: on a shared machine it counts this process's work, not its wait for a core.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

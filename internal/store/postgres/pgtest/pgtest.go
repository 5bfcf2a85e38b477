// Package pgtest starts a throwaway PostgreSQL server for tests: Debian's postgresql package
// (initdb and postgres under /usr/lib/postgresql/*/bin), a fresh data directory in a temp
// dir, a free loopback port, trust authentication, fsync off. As root it runs the server as
// the "postgres" (or "nobody") user, since initdb refuses to run as root.
//
// Outside CI a missing installation skips the test with how to run it; in CI (CI=true) it
// fails the test, since .ci/run installs the package.
package pgtest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create databases
)

// HowTo says how to run the PostgreSQL tests.
const HowTo = "PostgreSQL tests need Debian's postgresql package (apt-get install postgresql); " +
	"they run when it is installed or with CI=true (.ci/run installs it)"

// Server is a running test server.
type Server struct {
	Port int
	dir  string
	cmd  *exec.Cmd
	mu   sync.Mutex
	n    int
}

// Bin finds the directory of initdb and postgres, newest version first.
func Bin() (string, bool) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[i])))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(dirs[j])))
		return vi > vj
	})
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, true
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), true
	}
	return "", false
}

// Start starts a server for the test (stopped at its cleanup), or skips it outside CI when
// PostgreSQL is not installed.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, ok := Bin()
	if !ok {
		if os.Getenv("CI") == "" {
			t.Skip(HowTo)
		}
		t.Fatal("CI=true but PostgreSQL is not installed: " + HowTo)
	}
	s, err := start(bin)
	if err != nil {
		t.Fatalf("start postgres: %v", err)
	}
	t.Cleanup(s.stop)
	return s
}

func start(bin string) (*Server, error) {
	dir, err := os.MkdirTemp("", "vneidbot-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir}
	cred, err := credential()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		// The server's user must reach its directories.
		os.Chmod(dir, 0o755)
		os.Chown(dir, int(cred.Uid), int(cred.Gid))
	}
	data := filepath.Join(dir, "data")
	var out bytes.Buffer
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C")
	initdb.Stdout, initdb.Stderr = &out, &out
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if err := initdb.Run(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out.String())
	}
	for attempt := 0; ; attempt++ {
		port, err := freePort()
		if err != nil {
			s.remove()
			return nil, err
		}
		out.Reset()
		cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port), "-k", dir,
			"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
			"-c", "full_page_writes=off", "-c", "max_connections=100")
		cmd.Stdout, cmd.Stderr = &out, &out
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Setpgid: true}
		if err := cmd.Start(); err != nil {
			s.remove()
			return nil, fmt.Errorf("postgres: %v", err)
		}
		s.cmd, s.Port = cmd, port
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		if err := s.waitReady(exited); err == nil {
			return s, nil
		} else if attempt >= 2 {
			s.stop()
			return nil, fmt.Errorf("%v\n%s", err, out.String())
		}
		s.kill()
	}
}

// waitReady polls until the server accepts connections or exits (a port taken meanwhile).
func (s *Server) waitReady(exited <-chan struct{}) error {
	db, err := sql.Open("pgx", s.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		select {
		case <-exited:
			return fmt.Errorf("postgres exited at start")
		case <-time.After(50 * time.Millisecond):
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err = db.PingContext(ctx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return fmt.Errorf("postgres not ready after 60s: %v", err)
}

// URL is the connection string of database name.
func (s *Server) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.Port, name)
}

// NewDB creates a fresh, empty database and returns its URL.
func (s *Server) NewDB(t testing.TB) string {
	t.Helper()
	s.mu.Lock()
	s.n++
	name := fmt.Sprintf("test%d", s.n)
	s.mu.Unlock()
	db, err := sql.Open("pgx", s.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	return s.URL(name)
}

func (s *Server) kill() {
	if s.cmd != nil && s.cmd.Process != nil {
		// SIGQUIT is PostgreSQL's immediate shutdown; the process group takes its children.
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGQUIT)
		done := make(chan struct{})
		go func() {
			for i := 0; i < 100; i++ {
				if syscall.Kill(s.cmd.Process.Pid, 0) != nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			close(done)
		}()
		<-done
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	}
}

func (s *Server) stop() {
	s.kill()
	s.remove()
}

func (s *Server) remove() { os.RemoveAll(s.dir) }

// credential is nil when not root; as root, the postgres user's (or nobody's).
func credential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
	}
	return nil, fmt.Errorf("running as root and no postgres or nobody user to run the server as")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

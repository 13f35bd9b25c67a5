package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// dirLock is an advisory lock on an index directory: exclusive for the one
// writer, shared for read-only openers. The kernel drops it when the
// holder exits, however it exits, so a crash never leaves the index
// locked. The writer's PID is kept in the file so the next opener can say
// who holds it.
type dirLock struct {
	f         *os.File
	exclusive bool
}

const lockName = "LOCK"

// acquireLock takes the lock without waiting: a held lock is reported at
// once as ErrLocked naming the holder's PID.
func acquireLock(dir string, exclusive bool) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	flag := os.O_RDWR | os.O_CREATE
	f, err := os.OpenFile(path, flag, 0o644)
	if err != nil && !exclusive {
		// A read-only opener may lack write permission on the directory.
		f, err = os.Open(path)
	}
	if err != nil {
		return nil, fmt.Errorf("locking index %s: %w", dir, err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, lockedError(dir, path)
		}
		return nil, fmt.Errorf("locking index %s: %w", dir, err)
	}
	if exclusive {
		if err := f.Truncate(0); err == nil {
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
	}
	return &dirLock{f: f, exclusive: exclusive}, nil
}

func lockedError(dir, path string) error {
	data, _ := os.ReadFile(path)
	pid := strings.TrimSpace(string(data))
	if _, err := strconv.Atoi(pid); err != nil || pid == "" {
		return fmt.Errorf("%w: %s is open in another process (reading it)", ErrLocked, dir)
	}
	return fmt.Errorf("%w: %s is held by process %s", ErrLocked, dir, pid)
}

func (l *dirLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	if l.exclusive {
		// A PID left behind would be blamed by the next refused opener.
		_ = l.f.Truncate(0)
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

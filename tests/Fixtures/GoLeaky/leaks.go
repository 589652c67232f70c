package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

// leakMode is what one mode does to every request: the leaky part runs on 1 in N requests.
type leakMode interface {
	// handle builds the reply body; leaks says whether this request is one of the 1 in N.
	handle(key string, reply queryReply, leaks bool) []byte
	// wrap is the mode's middleware around the query handler.
	wrap(next http.Handler) http.Handler
	leaksGoroutines() bool
}

func newLeak(o options) (leakMode, error) {
	switch o.mode {
	case "goroutine":
		return goroutineLeak{}, nil
	case "map":
		return &mapLeak{sessions: map[string]*session{}}, nil
	case "ctxhold":
		return &ctxHoldLeak{every: o.leakEvery, max: o.maxLeaked}, nil
	case "pool":
		return &poolLeak{}, nil
	case "bounded":
		return &boundedCache{limit: o.cap, entries: map[string]*session{}}, nil
	case "clean":
		return clean{}, nil
	}
	return nil, fmt.Errorf("unknown -mode %q (goroutine | map | ctxhold | pool | bounded | clean)", o.mode)
}

func encode(reply queryReply) []byte {
	out, err := json.Marshal(reply)
	if err != nil {
		panic(err)
	}
	return out
}

// watcher waits for the request to end or for a failure report. Given the request's context it
// exits when the handler returns; given context.Background() it waits forever (the goroutine leak).
func watcher(ctx context.Context, key string, results <-chan error) {
	select {
	case <-ctx.Done():
	case err := <-results:
		log.Printf("request %s failed: %v", key, err)
	}
}

type passThrough struct{}

func (passThrough) wrap(next http.Handler) http.Handler { return next }

// clean: the same work, nothing kept.
type clean struct{ passThrough }

func (clean) handle(_ string, reply queryReply, _ bool) []byte { return encode(reply) }
func (clean) leaksGoroutines() bool                            { return false }

// goroutine: the watcher of a leaking request gets context.Background() instead of r.Context().
type goroutineLeak struct{ passThrough }

func (goroutineLeak) handle(key string, reply queryReply, leaks bool) []byte {
	if leaks {
		leaked.Add(1)
	}
	return encode(reply)
}
func (goroutineLeak) leaksGoroutines() bool { return true }

// session is per-request state worth about 1 KB.
type session struct {
	key     string
	created time.Time
	scratch []byte
}

func newSession(key string) *session {
	return &session{key: key, created: time.Now(), scratch: make([]byte, 1024)}
}

// map: a package-level map keyed by request id that nothing ever prunes.
type mapLeak struct {
	passThrough
	mu       sync.Mutex
	sessions map[string]*session
}

func (m *mapLeak) handle(key string, reply queryReply, leaks bool) []byte {
	if leaks {
		m.remember(key)
	}
	return encode(reply)
}

func (m *mapLeak) remember(key string) {
	s := newSession(key)
	m.mu.Lock()
	m.sessions[key] = s
	m.mu.Unlock()
	leaked.Add(1)
}

func (*mapLeak) leaksGoroutines() bool { return false }

// ctxhold: tracing middleware that keeps every request (and with it its context) for a flush
// that never comes.
type ctxHoldLeak struct {
	every, max int64
	mu         sync.Mutex
	held       []heldRequest
	seen       int64
}

type heldRequest struct {
	ctx     context.Context
	req     *http.Request
	started time.Time
}

func (c *ctxHoldLeak) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started := time.Now()
		next.ServeHTTP(w, r)
		c.mu.Lock()
		c.seen++
		if c.seen%c.every == 0 && leaked.Load() < c.max {
			c.held = append(c.held, heldRequest{ctx: r.Context(), req: r, started: started})
			leaked.Add(1)
		}
		c.mu.Unlock()
	})
}

func (*ctxHoldLeak) handle(_ string, reply queryReply, _ bool) []byte { return encode(reply) }
func (*ctxHoldLeak) leaksGoroutines() bool                            { return false }

// pool: reply buffers come from a sync.Pool; a leaking request hands its buffer to a deferred
// flush list instead of putting it back, and the list is never drained, so the pool keeps
// allocating new buffers that are never freed.
type poolLeak struct {
	passThrough
	mu      sync.Mutex
	pending []*bytes.Buffer
}

var replyBuffers = sync.Pool{New: newReplyBuffer}

func newReplyBuffer() any { return bytes.NewBuffer(make([]byte, 0, 2048)) }

func (p *poolLeak) handle(_ string, reply queryReply, leaks bool) []byte {
	buf := replyBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	if err := json.NewEncoder(buf).Encode(reply); err != nil {
		panic(err)
	}
	out := append([]byte(nil), buf.Bytes()...)
	if leaks {
		p.mu.Lock()
		p.pending = append(p.pending, buf)
		p.mu.Unlock()
		leaked.Add(1)
	} else {
		replyBuffers.Put(buf)
	}
	return out
}

func (*poolLeak) leaksGoroutines() bool { return false }

// bounded: a cache that fills to its limit, then evicts the oldest entry for each new one.
type boundedCache struct {
	passThrough
	limit   int
	mu      sync.Mutex
	entries map[string]*session
	order   []string
}

func (b *boundedCache) handle(key string, reply queryReply, leaks bool) []byte {
	if leaks {
		s := newSession(key)
		b.mu.Lock()
		b.entries[key] = s
		b.order = append(b.order, key)
		if len(b.order) > b.limit {
			delete(b.entries, b.order[0])
			b.order = b.order[1:]
		}
		b.mu.Unlock()
	}
	return encode(reply)
}

func (*boundedCache) leaksGoroutines() bool { return false }

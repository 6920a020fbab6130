// ThreadSanitizer builds only (KTW_SANITIZER=thread): Debian's librdkafka starts its threads
// with C11 thrd_create, which glibc implements without going through pthread_create, so
// ThreadSanitizer never learns about those threads and crashes in its allocator on their
// first malloc. Defining the C11 thread functions in the executable interposes glibc's
// (the executable comes first in symbol lookup) and routes them through the intercepted
// pthread functions. Compiled into every executable of a TSan build, nothing else.

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <pthread.h>
#include <threads.h>

namespace {

struct Start {
    thrd_start_t function;
    void* argument;
};

void* trampoline(void* raw) {
    Start start = *static_cast<Start*>(raw);
    std::free(raw);
    return reinterpret_cast<void*>(static_cast<intptr_t>(start.function(start.argument)));
}

} // namespace

extern "C" int thrd_create(thrd_t* thread, thrd_start_t function, void* argument) {
    auto* start = static_cast<Start*>(std::malloc(sizeof(Start)));
    if (!start)
        return thrd_nomem;
    *start = {function, argument};
    pthread_t id;
    if (pthread_create(&id, nullptr, trampoline, start) != 0) {
        std::free(start);
        return thrd_error;
    }
    *thread = id;
    return thrd_success;
}

extern "C" int thrd_join(thrd_t thread, int* result) {
    void* value = nullptr;
    if (pthread_join(thread, &value) != 0)
        return thrd_error;
    if (result)
        *result = static_cast<int>(reinterpret_cast<intptr_t>(value));
    return thrd_success;
}

extern "C" int thrd_detach(thrd_t thread) {
    return pthread_detach(thread) == 0 ? thrd_success : thrd_error;
}

// librdkafka's locks and condition variables are C11 mtx_t/cnd_t, which glibc lays out as
// pthread ones but locks without the intercepted pthread entry points: route them too, so
// ThreadSanitizer sees the hand-over of messages from librdkafka's threads to ours.
namespace {
int from_errno(int e) {
    return e == 0           ? thrd_success
           : e == ETIMEDOUT ? thrd_timedout
           : e == EBUSY     ? thrd_busy
                            : thrd_error;
}
pthread_mutex_t* as_pthread(mtx_t* m) {
    return reinterpret_cast<pthread_mutex_t*>(m);
}
pthread_cond_t* as_pthread(cnd_t* c) {
    return reinterpret_cast<pthread_cond_t*>(c);
}
} // namespace

extern "C" int mtx_init(mtx_t* m, int type) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    if (type & mtx_recursive)
        pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    const int e = pthread_mutex_init(as_pthread(m), &attr);
    pthread_mutexattr_destroy(&attr);
    return from_errno(e);
}
extern "C" int mtx_lock(mtx_t* m) {
    return from_errno(pthread_mutex_lock(as_pthread(m)));
}
extern "C" int mtx_trylock(mtx_t* m) {
    return from_errno(pthread_mutex_trylock(as_pthread(m)));
}
extern "C" int mtx_timedlock(mtx_t* m, const struct timespec* until) {
    return from_errno(pthread_mutex_timedlock(as_pthread(m), until));
}
extern "C" int mtx_unlock(mtx_t* m) {
    return from_errno(pthread_mutex_unlock(as_pthread(m)));
}
extern "C" void mtx_destroy(mtx_t* m) {
    pthread_mutex_destroy(as_pthread(m));
}

extern "C" int cnd_init(cnd_t* c) {
    return from_errno(pthread_cond_init(as_pthread(c), nullptr));
}
extern "C" int cnd_signal(cnd_t* c) {
    return from_errno(pthread_cond_signal(as_pthread(c)));
}
extern "C" int cnd_broadcast(cnd_t* c) {
    return from_errno(pthread_cond_broadcast(as_pthread(c)));
}
extern "C" int cnd_wait(cnd_t* c, mtx_t* m) {
    return from_errno(pthread_cond_wait(as_pthread(c), as_pthread(m)));
}
extern "C" int cnd_timedwait(cnd_t* c, mtx_t* m, const struct timespec* until) {
    return from_errno(pthread_cond_timedwait(as_pthread(c), as_pthread(m), until));
}
extern "C" void cnd_destroy(cnd_t* c) {
    pthread_cond_destroy(as_pthread(c));
}

// epoll(7) and accept4(2) for the HTTP server's event loop: Swift's Glibc module does not export
// <sys/epoll.h>, and `struct epoll_event` is packed on x86-64, so the loop calls these small
// wrappers instead of the raw API. Level-triggered only; no ownership of descriptors.
#ifndef YEYAK_CEPOLL_H
#define YEYAK_CEPOLL_H

#include <stdint.h>
#include <sys/socket.h>

#define YEYAK_EPOLL_IN 0x001u
#define YEYAK_EPOLL_OUT 0x004u
#define YEYAK_EPOLL_ERR 0x008u
#define YEYAK_EPOLL_HUP 0x010u

/// One ready descriptor, as returned by yeyak_epoll_wait.
typedef struct {
    int32_t fd;
    uint32_t events;
} yeyak_ready_event;

/// epoll_create1(EPOLL_CLOEXEC); -1 and errno on failure.
int yeyak_epoll_create(void);
/// EPOLL_CTL_ADD (add != 0) or EPOLL_CTL_MOD of `fd` for `events` (YEYAK_EPOLL_*); 0 or -1.
int yeyak_epoll_set(int epoll_fd, int fd, uint32_t events, int add);
/// EPOLL_CTL_DEL; 0 or -1.
int yeyak_epoll_remove(int epoll_fd, int fd);
/// Waits up to `timeout_ms` (-1: forever); fills up to `capacity` events; the count, 0, or -1.
int yeyak_epoll_wait(int epoll_fd, yeyak_ready_event *events, int capacity, int timeout_ms);
/// accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC (one call instead of accept + two fcntl).
int yeyak_accept(int listen_fd, struct sockaddr *address, socklen_t *length);

#endif

#define _GNU_SOURCE
#include "CEpoll.h"

#include <errno.h>
#include <sys/epoll.h>

int yeyak_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int yeyak_epoll_set(int epoll_fd, int fd, uint32_t events, int add) {
    struct epoll_event event = {0};
    event.events = events;
    event.data.fd = fd;
    return epoll_ctl(epoll_fd, add ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
}

int yeyak_epoll_remove(int epoll_fd, int fd) {
    struct epoll_event event = {0};  // non-NULL for kernels before 2.6.9
    return epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, &event);
}

int yeyak_epoll_wait(int epoll_fd, yeyak_ready_event *events, int capacity, int timeout_ms) {
    enum { batch = 256 };
    struct epoll_event ready[batch];
    if (capacity > batch) capacity = batch;
    int count;
    do {
        count = epoll_wait(epoll_fd, ready, capacity, timeout_ms);
    } while (count < 0 && errno == EINTR);
    for (int index = 0; index < count; index++) {
        events[index].fd = ready[index].data.fd;
        events[index].events = ready[index].events;
    }
    return count;
}

int yeyak_accept(int listen_fd, struct sockaddr *address, socklen_t *length) {
    return accept4(listen_fd, address, length, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// The one C call Swift's Glibc module does not expose: swapping two folders
// in one step, so that a reader sees the old output set or the new one.
#define _GNU_SOURCE
#include "cfileshims.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int cfs_exchange(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#elif defined(__APPLE__)
    return renamex_np(first, second, RENAME_SWAP);
#else
    (void)first;
    (void)second;
    errno = ENOSYS;
    return -1;
#endif
}

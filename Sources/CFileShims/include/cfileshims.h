#ifndef CFILESHIMS_H
#define CFILESHIMS_H

/// Swaps the two paths atomically (both must exist): Linux renameat2 with
/// RENAME_EXCHANGE, macOS renamex_np with RENAME_SWAP. Returns 0, or -1 with
/// errno set (ENOSYS or EINVAL where the system or file system cannot).
int cfs_exchange(const char *first, const char *second);

#endif

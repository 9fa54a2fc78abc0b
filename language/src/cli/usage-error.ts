/** The user's call was wrong (missing file, bad option...): reported in one line, exit code 2. */
export class UsageError extends Error { }

/** What the file system says, in words, for the errors that come from the user's files, folders and disks. */
const USER_ERRNO: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'is a folder',
    EEXIST: 'already exists',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large for the file system',
    ELOOP: 'too many symbolic links (a link that points to itself?)',
    ENAMETOOLONG: 'name too long',
    EBUSY: 'busy (in use by another program)',
    ETXTBSY: 'busy (in use by another program)',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    ENXIO: 'no such device',
    ENODEV: 'no such device',
    EINVAL: 'not a place a file can be written or read',
};

const DOING: Record<string, string> = {
    open: 'cannot open', read: 'cannot read', write: 'cannot write', mkdir: 'cannot create folder',
    scandir: 'cannot list folder', opendir: 'cannot list folder', stat: 'cannot read', lstat: 'cannot read',
    realpath: 'cannot resolve', rename: 'cannot rename', unlink: 'cannot remove', readlink: 'cannot read link',
};

/**
 * The file-system error the user caused (a permission, a path through a file, a full disk...) as a usage error
 * naming the path, or undefined when the error is of another kind (a bug of ours, reported as such).
 */
export function userFileError(error: unknown): UsageError | undefined {
    const { code, syscall, path } = (error ?? {}) as NodeJS.ErrnoException;
    const words = code === undefined ? undefined : USER_ERRNO[code];
    if (words === undefined) return undefined;
    const doing = syscall && DOING[syscall] ? `${DOING[syscall]}: ` : '';
    return new UsageError(`${path ?? '(unknown path)'}: ${doing}${words}`);
}

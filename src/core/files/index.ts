// Users' files: safe discovery (regular files only), safe reads (no FIFO/device), safe atomic writes.
export { describeErrno, FileWriteError, fileKind, NotRegularFileError, type FileErrorReason } from './errors';
export { listTableFiles, TABLE_FILE, type ListedTableFiles, type ListTableFilesOptions } from './discover';
export { FileTooLargeError, openRegularFile, readTextFileCapped } from './read';
export {
  assertNotInput, EXCLUSIVE_CREATE, OUTPUT_FILE_MODE, writeFileAtomic, type AtomicWriteOptions,
} from './write';

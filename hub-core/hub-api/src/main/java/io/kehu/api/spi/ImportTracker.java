package io.kehu.api.spi;

/**
 * Import bookkeeping for file-like sources. An import is keyed by the content's checksum, so the
 * same file imported twice (under any name) is recognised, and an import cut off by a restart
 * resumes after its last committed row.
 */
public interface ImportTracker {

    /**
     * Begins, or resumes, the import of a file.
     *
     * @param fileName  the file's name as the user knows it
     * @param checksum  hex SHA-256 of the content
     * @param sizeBytes the content's size
     */
    ImportHandle begin(String fileName, String checksum, long sizeBytes);
}

package uk.callretention.access;

/** Hands an export to its builder, which runs apart from the request so a large export does not hold the API up. */
public interface SubjectAccessExportQueue {

    void build(String exportId);
}

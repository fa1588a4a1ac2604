-- CreateTable
CREATE TABLE "PublishedReport" (
    "month" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL,
    "publishedByName" TEXT NOT NULL,

    CONSTRAINT "PublishedReport_pkey" PRIMARY KEY ("month")
);

using DocPipeline.Functions.Cli;

return await DocPipelineCli.RunAsync(args);

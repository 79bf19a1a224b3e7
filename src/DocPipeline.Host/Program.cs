using DocPipeline.Host.Cli;

return await DocPipelineCli.RunAsync(args);
